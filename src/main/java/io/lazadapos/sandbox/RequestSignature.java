package io.lazadapos.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lazada's sha256 request signature, written independently of the project's client on purpose: if
 * both were built from the same misreading, the sandbox would happily accept a client that the real
 * platform rejects.
 *
 * <p>sign = upper-case hex of HMAC-SHA256(key = app secret, api path + every name+value pair except
 * {@code sign}, sorted by name, values raw i.e. already URL-decoded).
 */
final class RequestSignature {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestSignature() {
    }

    /** The exact text Lazada signs, e.g. "/order/getaccess_tokentestapp_key123456...". */
    static String stringToSign(String apiPath, Map<String, String> params) {
        // Parameter names are ASCII, where String order equals the byte order Lazada asks for.
        TreeMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove("sign");
        StringBuilder text = new StringBuilder(apiPath);
        sorted.forEach((name, value) -> text.append(name).append(value));
        return text.toString();
    }

    static String sign(String apiPath, Map<String, String> params, String appSecret) {
        return hmacHex(stringToSign(apiPath, params), appSecret);
    }

    static String hmacHex(String text, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
                out[2 * i + 1] = HEX[digest[i] & 0xF];
            }
            return new String(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The {@code Authorization} header of a push: lower-case hex of HMAC-SHA256(key = app secret, app key +
     * body), the body being the exact text sent.
     */
    static String pushSignature(String appKey, String body, String appSecret) {
        return hmacHex(appKey + body, appSecret).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether {@code params} carry a correct {@code sign}. Compared in constant time and exactly (upper
     * case, as Lazada's SDKs send it) so that a client deviating from the documented form shows up here.
     */
    static boolean verify(String apiPath, Map<String, String> params, String appSecret) {
        String given = params.get("sign");
        if (given == null || given.isEmpty()) return false;
        String expected = sign(apiPath, params, appSecret);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }
}
