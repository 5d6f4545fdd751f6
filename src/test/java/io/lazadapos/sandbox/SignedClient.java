package io.lazadapos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** What a Lazada client does, minimal: common parameters, sha256 signature, URL-encoded query. */
final class SignedClient {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String appKey;
    private final String appSecret;
    private volatile String accessToken;

    SignedClient(LazadaSandbox sandbox) {
        this(sandbox.baseUrl(), sandbox.settings().appKey(), sandbox.settings().appSecret(), sandbox.settings().accessToken());
    }

    SignedClient(String baseUrl, String appKey, String appSecret, String accessToken) {
        this.baseUrl = baseUrl;
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.accessToken = accessToken;
    }

    SignedClient withAccessToken(String token) {
        return new SignedClient(baseUrl, appKey, appSecret, token);
    }

    /** Signed GET; the access token is added when this client has one. */
    JsonNode get(String apiPath, Map<String, String> params) {
        return parse(send(apiPath, signed(apiPath, params), false));
    }

    /** Signed POST with a form body, as the SDKs send token calls. */
    JsonNode post(String apiPath, Map<String, String> params) {
        return parse(send(apiPath, signed(apiPath, params), true));
    }

    Map<String, String> signed(String apiPath, Map<String, String> business) {
        Map<String, String> params = new LinkedHashMap<>(business);
        params.putIfAbsent("app_key", appKey);
        params.putIfAbsent("timestamp", Long.toString(System.currentTimeMillis()));
        params.putIfAbsent("sign_method", "sha256");
        if (accessToken != null) params.putIfAbsent("access_token", accessToken);
        params.put("sign", RequestSignature.sign(apiPath, params, appSecret));
        return params;
    }

    HttpResponse<String> send(String apiPath, Map<String, String> params, boolean post) {
        String form = encode(params);
        HttpRequest request = post
                ? HttpRequest.newBuilder(URI.create(baseUrl + apiPath))
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build()
                : HttpRequest.newBuilder(URI.create(baseUrl + apiPath + "?" + form)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
