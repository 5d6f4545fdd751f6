package io.lazadapos.lazada;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where and how to call Lazada: base URL (and the auth host of token calls), app key, signature.
 * Produces the signed URL of a request; the HTTP call itself is made by the {@code lazada-call}
 * route. The URL carries the access token and must never be logged.
 */
public final class LazadaEndpoint {

    private final String baseUrl;
    private final Function<String, String> baseUrlOfSeller;
    private final String authUrl;
    private final String appKey;
    private final LazadaSigner signer;
    private final Function<String, String> accessTokenOfSeller;
    private final Clock clock;

    public LazadaEndpoint(String baseUrl, String appKey, LazadaSigner signer, Function<String, String> accessTokenOfSeller, Clock clock) {
        this(baseUrl, baseUrl, appKey, signer, accessTokenOfSeller, clock);
    }

    /** With token calls ({@code /auth/...}) going to {@code authUrl}, e.g. https://auth.lazada.com/rest. */
    public LazadaEndpoint(String baseUrl, String authUrl, String appKey, LazadaSigner signer, Function<String, String> accessTokenOfSeller,
            Clock clock) {
        this(baseUrl, seller -> baseUrl, authUrl, appKey, signer, accessTokenOfSeller, clock);
    }

    /** With each seller's calls going to the base URL of its country ({@code baseUrlOfSeller}). */
    public LazadaEndpoint(String baseUrl, Function<String, String> baseUrlOfSeller, String authUrl, String appKey, LazadaSigner signer,
            Function<String, String> accessTokenOfSeller, Clock clock) {
        this.baseUrl = withoutSlash(baseUrl);
        this.baseUrlOfSeller = baseUrlOfSeller;
        this.authUrl = withoutSlash(authUrl == null || authUrl.isBlank() ? baseUrl : authUrl);
        this.appKey = appKey;
        this.signer = signer;
        this.accessTokenOfSeller = accessTokenOfSeller;
        this.clock = clock;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String authUrl() {
        return authUrl;
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String appKey() {
        return appKey;
    }

    public LazadaSigner signer() {
        return signer;
    }

    /**
     * The full URL with common parameters, a fresh timestamp and the signature. (Not an overload of
     * signedUrl: a route's bean call of an overloaded method makes Camel choose on every call.)
     */
    public String signedUrlNow(LazadaRequest request) {
        return signedUrl(request, clock.millis());
    }

    /** Signed at {@code timestampMillis}: the time of the call's rate-limit permit. */
    public String signedUrl(LazadaRequest request, long timestampMillis) {
        Map<String, String> params = new TreeMap<>();
        request.params().forEach((k, v) -> {
            // Lazada's SDKs disagree on signing empty values: never send them.
            if (v != null && !v.isEmpty()) {
                params.put(k, v);
            }
        });
        params.put("app_key", appKey);
        params.put("timestamp", Long.toString(timestampMillis));
        params.put("sign_method", "sha256");
        boolean tokenCall = request.apiPath().startsWith("/auth/");
        if (!tokenCall) {
            String token = accessTokenOfSeller.apply(request.sellerId());
            if (token != null && !token.isEmpty()) {
                params.put("access_token", token);
            }
        }
        params.put("sign", signer.sign(request.apiPath(), params));
        StringBuilder url = new StringBuilder(tokenCall ? authUrl : withoutSlash(baseUrlOfSeller.apply(request.sellerId()))).append(request.apiPath()).append('?');
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
