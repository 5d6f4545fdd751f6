package io.lazadapos.lazada;

/**
 * A Lazada call that did not succeed, typed by what the caller should do about it.
 * Messages never carry credentials.
 */
public class LazadaApiException extends RuntimeException {

    private final LazadaErrorKind kind;
    private final String apiPath;
    private final String code;
    private final String requestId;

    public LazadaApiException(LazadaErrorKind kind, String apiPath, String code, String message, String requestId, Throwable cause) {
        super(apiPath + ": " + kind + (code != null ? " (" + code + ")" : "") + (message != null ? ": " + message : ""), cause);
        this.kind = kind;
        this.apiPath = apiPath;
        this.code = code;
        this.requestId = requestId;
    }

    public static LazadaApiException of(LazadaErrorKind kind, String apiPath, String code, String message, String requestId, Throwable cause) {
        if (kind.retryable()) {
            return new LazadaTransientException(kind, apiPath, code, message, requestId, cause);
        }
        if (kind == LazadaErrorKind.ACCESS_TOKEN_INVALID || kind == LazadaErrorKind.REFRESH_TOKEN_INVALID) {
            return new LazadaTokenException(kind, apiPath, code, message, requestId);
        }
        return new LazadaApiException(kind, apiPath, code, message, requestId, cause);
    }

    public LazadaErrorKind kind() {
        return kind;
    }

    public boolean isRetryable() {
        return kind.retryable();
    }

    public String apiPath() {
        return apiPath;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
