package io.lazadapos.outbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The X-Pos-Signature of a request: the lower-case hex HMAC-SHA256 of its raw body with the shared secret. */
public final class EventSignature {

    private final SecretKeySpec key;

    /** @param secret POS_EVENTS_SECRET; blank: requests are not signed */
    public EventSignature(String secret) {
        this.key = secret == null || secret.isEmpty() ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public boolean signs() {
        return key != null;
    }

    /** The signature of this body, or null when no secret is set. */
    public String of(byte[] body) {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return key == null ? "unsigned" : "HMAC-SHA256 (secret set)";
    }
}
