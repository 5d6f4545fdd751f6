package io.lazadapos.it;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Push bodies in Lazada's format, signed as Lazada signs them (lower-case hex HMAC-SHA256 with
 * the app secret over app key + body), written here from the documentation rather than with the
 * product's signer, which is what is being tested.
 */
public final class SignedPushes {

    private final String appKey;
    private final String appSecret;

    public SignedPushes(String appKey, String appSecret) {
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(appKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String tradeOrder(String sellerId, String orderId, String orderItemId, String status) {
        return "{\"seller_id\":\"" + sellerId + "\",\"message_type\":0,\"data\":{\"order_status\":\"" + status
                + "\",\"trade_order_id\":\"" + orderId + "\",\"trade_order_line_id\":\"" + orderItemId
                + "\",\"status_update_time\":" + System.currentTimeMillis() / 1000 + "},\"timestamp\":" + System.currentTimeMillis()
                + ",\"site\":\"lazada_id\"}";
    }

    public static String reverseOrder(String sellerId, String orderId, String orderItemId, String reverseOrderId, String reverseStatus) {
        return "{\"seller_id\":\"" + sellerId + "\",\"message_type\":10,\"data\":{\"reverse_order_id\":\"" + reverseOrderId
                + "\",\"reverse_order_line_id\":\"" + reverseOrderId + "1\",\"reverse_status\":\"" + reverseStatus
                + "\",\"trade_order_id\":\"" + orderId + "\",\"trade_order_line_id\":\"" + orderItemId
                + "\",\"status_update_time\":" + System.currentTimeMillis() / 1000 + "},\"timestamp\":" + System.currentTimeMillis()
                + ",\"site\":\"lazada_id\"}";
    }

    public static String tokenExpiring(String sellerId, long authExpiryEpochSeconds) {
        return "{\"seller_id\":\"" + sellerId + "\",\"message_type\":8,\"data\":{\"seller_id\":\"" + sellerId
                + "\",\"auth_expiry_time\":" + authExpiryEpochSeconds + "},\"timestamp\":" + System.currentTimeMillis()
                + ",\"site\":\"lazada_id\"}";
    }
}
