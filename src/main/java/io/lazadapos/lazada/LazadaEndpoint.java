package io.lazadapos.lazada;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where and how to call Lazada: base URL, app key, signature. Produces the signed URL of a
 * request; the HTTP call itself is made by the {@code lazada-call} route.
 */
public final class LazadaEndpoint {

    private final String baseUrl;
    private final String appKey;
    private final LazadaSigner signer;
    private final Function<String, String> accessTokenOfSeller;
    private final Clock clock;

    public LazadaEndpoint(String baseUrl, String appKey, LazadaSigner signer, Function<String, String> accessTokenOfSeller, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.appKey = appKey;
        this.signer = signer;
        this.accessTokenOfSeller = accessTokenOfSeller;
        this.clock = clock;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String appKey() {
        return appKey;
    }

    public LazadaSigner signer() {
        return signer;
    }

    /** The full URL with common parameters, a fresh timestamp and the signature. */
    public String signedUrl(LazadaRequest request) {
        Map<String, String> params = new TreeMap<>();
        request.params().forEach((k, v) -> {
            // Lazada's SDKs disagree on signing empty values: never send them.
            if (v != null && !v.isEmpty()) {
                params.put(k, v);
            }
        });
        params.put("app_key", appKey);
        params.put("timestamp", Long.toString(clock.millis()));
        params.put("sign_method", "sha256");
        if (!request.apiPath().startsWith("/auth/")) {
            String token = accessTokenOfSeller.apply(request.sellerId());
            if (token != null && !token.isEmpty()) {
                params.put("access_token", token);
            }
        }
        params.put("sign", signer.sign(request.apiPath(), params));
        StringBuilder url = new StringBuilder(baseUrl).append(request.apiPath()).append('?');
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                url.append('&');
            }
            first = false;
            url.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return url.toString();
    }

    static String encode(String value) {
        // URLEncoder writes form encoding; a query wants %20 for a space ('+' stays %2B).
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
