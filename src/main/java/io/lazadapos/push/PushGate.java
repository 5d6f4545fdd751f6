package io.lazadapos.push;

import io.lazadapos.lazada.LazadaSigner;

/**
 * The first thing a push meets: its size and its signature, checked on the exact bytes received
 * (Authorization = lower-case hex HMAC-SHA256(app secret, app key + raw body), constant time).
 * Nothing of the body is read before it passes.
 */
public final class PushGate {

    /** What the gate says about one request. */
    public enum Verdict {
        /** Signed by our app: read it. */
        AUTHENTIC,
        /** Over the size limit: 413, not even the signature is computed. */
        TOO_LARGE,
        /** No Authorization header: 401. */
        UNSIGNED,
        /** A signature that does not match the body (wrong key, altered or truncated body): 401. */
        FORGED
    }

    private final LazadaSigner signer;
    private final String appKey;
    private final int maxBodyBytes;

    public PushGate(LazadaSigner signer, String appKey, int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the push body limit must be positive");
        }
        this.signer = signer;
        this.appKey = appKey;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Verdict check(byte[] rawBody, String authorization) {
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        if (body.length > maxBodyBytes) {
            return Verdict.TOO_LARGE;
        }
        if (authorization == null || authorization.isBlank()) {
            return Verdict.UNSIGNED;
        }
        return signer.isAuthenticPush(appKey, body, authorization) ? Verdict.AUTHENTIC : Verdict.FORGED;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }
}
