package io.lazadapos.lazada;

/**
 * What a failure means, wherever the Lazada error sits in its cause chain (Camel wraps what a bean
 * expression throws): the retry policies branch on it.
 */
public final class LazadaFailures {

    /** The Lazada error in the chain, or null. */
    public static LazadaApiException lazadaError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LazadaApiException l) {
                return l;
            }
        }
        return null;
    }

    public static LazadaErrorKind kindOf(Throwable error) {
        LazadaApiException l = lazadaError(error);
        return l == null ? null : l.kind();
    }

    /** ApiCallLimit, 901: Lazada's ban lasts at least a second. */
    public boolean rateLimited(Throwable error) {
        LazadaErrorKind k = kindOf(error);
        return k == LazadaErrorKind.RATE_LIMITED || k == LazadaErrorKind.FLOW_CONTROL;
    }

    /** 998: the API is switched off for stability. */
    public boolean apiDisabled(Throwable error) {
        return kindOf(error) == LazadaErrorKind.API_DISABLED;
    }
}
