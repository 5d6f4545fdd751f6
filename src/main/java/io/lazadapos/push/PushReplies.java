package io.lazadapos.push;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON answers of the push endpoint: short, and never an echo of what was sent. */
public final class PushReplies {

    private final int maxBodyBytes;

    public PushReplies(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** 200: written to the inbox; {@code inboxStatus} tells whether it will be processed or only kept. */
    public Map<String, Object> accepted(String inboxStatus) {
        return Map.of("result", "IGNORED".equals(inboxStatus) ? "ignored" : "accepted");
    }

    /** 401 or 413, by the gate's verdict. */
    public Map<String, Object> rejected(String verdict) {
        return switch (PushGate.Verdict.valueOf(verdict)) {
            case TOO_LARGE -> error("too_large", "a push body is at most " + maxBodyBytes + " bytes");
            case UNSIGNED -> error("unauthorized", "missing Authorization header (the push signature)");
            case FORGED -> error("unauthorized", "the Authorization header does not sign this body with this app's key");
            case AUTHENTIC -> throw new IllegalArgumentException("an authentic push is not rejected here");
        };
    }

    /** 400: signed by the app but not a push that can be read; kept as a dead letter. */
    public Map<String, Object> malformed(String reason) {
        return error("bad_request", reason + "; the body was kept for an operator");
    }

    /** 500: the inbox could not take it; Lazada will send it again. */
    public Map<String, Object> notStored() {
        return error("unavailable", "the push could not be stored; send it again later");
    }

    private static Map<String, Object> error(String error, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("message", message);
        return m;
    }
}
