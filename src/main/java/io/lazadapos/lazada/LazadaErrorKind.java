package io.lazadapos.lazada;

import java.util.Set;

/** What a failed Lazada call means for the caller: the retry policy branches on this. */
public enum LazadaErrorKind {
    /** ApiCallLimit: the per-API limit was hit; Lazada bans for at least a second. */
    RATE_LIMITED(true),
    /** 901: flow control. */
    FLOW_CONTROL(true),
    /** 998: API switched off for stability (campaign days): back off longer. */
    API_DISABLED(true),
    /** ServiceTimeout, system error, HTTP 5xx, socket timeouts. */
    TRANSIENT(true),
    /** A reply that is not the JSON envelope Lazada documents (truncated, wrong types). */
    MALFORMED_REPLY(true),
    /** IllegalAccessToken: refresh the token, then retry once. */
    ACCESS_TOKEN_INVALID(false),
    /** IllegalRefreshToken / AUTH_TYPE_UNSUPPORTED: the seller must authorize again. */
    REFRESH_TOKEN_INVALID(false),
    /** IncompleteSignature: wrong secret or clock skew; a configuration error. */
    SIGNATURE(false),
    /** Missing or invalid parameter: a bug in the request; retrying does not help. */
    REQUEST_BUG(false),
    /** 16: the order is not in this store. */
    NOT_FOUND(false),
    /** A code nobody mapped: recorded and not retried blindly. */
    UNKNOWN(false);

    private static final Set<String> REQUEST_BUG_CODES = Set.of(
            "MissingParameter", "InvalidParameter", "14", "17", "19", "36", "74", "75", "InvalidApiPath");

    private final boolean retryable;

    LazadaErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Classifies an error envelope by its {@code code} (and {@code type}, for codes nobody listed). */
    public static LazadaErrorKind of(String code, String type) {
        if (code == null) {
            return MALFORMED_REPLY;
        }
        switch (code) {
            case "ApiCallLimit": return RATE_LIMITED;
            case "901": return FLOW_CONTROL;
            case "998": return API_DISABLED;
            case "ServiceTimeout": case "6": case "ServiceUnavailable": return TRANSIENT;
            case "IllegalAccessToken": return ACCESS_TOKEN_INVALID;
            case "IllegalRefreshToken": case "AUTH_TYPE_UNSUPPORTED": return REFRESH_TOKEN_INVALID;
            case "IncompleteSignature": return SIGNATURE;
            case "16": return NOT_FOUND;
            default:
                if (REQUEST_BUG_CODES.contains(code)) {
                    return REQUEST_BUG;
                }
                // Platform-side (ISP/SYSTEM) failures nobody listed are most likely passing ones.
                if ("ISP".equalsIgnoreCase(type) || "SYSTEM".equalsIgnoreCase(type)) {
                    return TRANSIENT;
                }
                return UNKNOWN;
        }
    }
}
