package io.lazadapos.lazada;

/** The access token (refresh, retry once) or the refresh token (seller must authorize again) was refused. */
public class LazadaTokenException extends LazadaApiException {
    public LazadaTokenException(LazadaErrorKind kind, String apiPath, String code, String message, String requestId) {
        super(kind, apiPath, code, message, requestId, null);
    }
}
