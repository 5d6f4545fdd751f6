package io.lazadapos.lazada;

/** A failure worth retrying with backoff: rate limits, flow control, 5xx, timeouts, malformed replies. */
public class LazadaTransientException extends LazadaApiException {
    public LazadaTransientException(LazadaErrorKind kind, String apiPath, String code, String message, String requestId, Throwable cause) {
        super(kind, apiPath, code, message, requestId, cause);
    }
}
