package io.lazadapos.lazada;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lazada's request signature (sign_method=sha256) and push signature.
 * Request: HMAC-SHA256(secret, apiPath + sorted name+value pairs), upper-case hex.
 * Push: HMAC-SHA256(secret, appKey + raw body), lower-case hex.
 */
public final class LazadaSigner {

    private final byte[] secret;

    public LazadaSigner(String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("Lazada app secret is not configured");
        }
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The string Lazada signs: the API path, then every parameter but {@code sign}, sorted by name. */
    public static String stringToSign(String apiPath, Map<String, String> params) {
        // String's natural order equals byte order for the ASCII names Lazada uses.
        TreeMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove("sign");
        StringBuilder sb = new StringBuilder(apiPath);
        sorted.forEach((name, value) -> sb.append(name).append(value));
        return sb.toString();
    }

    public String sign(String apiPath, Map<String, String> params) {
        return HexFormat.of().withUpperCase().formatHex(hmac(stringToSign(apiPath, params).getBytes(StandardCharsets.UTF_8)));
    }

    /** Expected {@code Authorization} header of a push: lower-case hex over app key + raw body. */
    public String pushSignature(String appKey, byte[] rawBody) {
        byte[] key = appKey.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[key.length + rawBody.length];
        System.arraycopy(key, 0, message, 0, key.length);
        System.arraycopy(rawBody, 0, message, key.length, rawBody.length);
        return HexFormat.of().formatHex(hmac(message));
    }

    /** Constant-time check of a push's {@code Authorization} header against the raw body. */
    public boolean isAuthenticPush(String appKey, byte[] rawBody, String authorization) {
        if (authorization == null || rawBody == null) {
            return false;
        }
        byte[] expected = pushSignature(appKey, rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = authorization.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
