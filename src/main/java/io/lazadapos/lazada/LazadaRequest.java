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

    @Override
    public String toString() {
        return apiPath + params;
    }
}
