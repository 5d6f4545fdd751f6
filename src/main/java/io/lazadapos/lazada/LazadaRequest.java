package io.lazadapos.lazada;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Lazada API call before signing: the API path and its business parameters. */
public record LazadaRequest(String sellerId, String apiPath, Map<String, String> params) {

    public LazadaRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static LazadaRequest of(String sellerId, String apiPath, Map<String, String> params) {
        return new LazadaRequest(sellerId, apiPath, params);
    }

    /** Token values (a refresh's {@code refresh_token}) are left out: requests end up in logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(apiPath).append('{');
        params.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ").append(k).append('=')
                .append(k.contains("token") ? "***" : v));
        return sb.append('}').toString();
    }
}
