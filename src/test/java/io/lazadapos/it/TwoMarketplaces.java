package io.lazadapos.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lazadapos.sandbox.LazadaSandbox;

/**
 * One Lazada API address in front of two sandboxes, each call going to the sandbox that issued
 * the caller's access (or refresh) token. Each sandbox numbers its orders on its own, so two
 * sandboxes started alike hold the same order ids for different sellers, as Lazada may.
 */
final class TwoMarketplaces implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LazadaSandbox first;
    private final Map<String, LazadaSandbox> byToken = new ConcurrentHashMap<>();

    TwoMarketplaces(LazadaSandbox first, LazadaSandbox second) throws IOException {
        this.first = first;
        for (LazadaSandbox s : new LazadaSandbox[] {first, second}) {
            byToken.put(s.settings().accessToken(), s);
            byToken.put(s.settings().refreshToken(), s);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    /** The API address to configure: the first sandbox's, on this front's port. */
    String baseUrl() {
        URI sandbox = URI.create(first.baseUrl());
        return "http://127.0.0.1:" + server.getAddress().getPort() + sandbox.getRawPath();
    }

    private LazadaSandbox target(String rawQuery) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (eq > 0 && (name.equals("access_token") || name.equals("refresh_token"))) {
                    LazadaSandbox s = byToken.get(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    if (s != null) {
                        return s;
                    }
                }
            }
        }
        return first;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI in = exchange.getRequestURI();
            LazadaSandbox to = target(in.getRawQuery());
            byte[] body;
            try (InputStream b = exchange.getRequestBody()) {
                body = b.readAllBytes();
            }
            HttpRequest.Builder out = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + in.getRawPath()
                    + (in.getRawQuery() == null ? "" : "?" + in.getRawQuery())))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                out.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (in.getRawPath().contains("/auth/")) {
                learnTokens(answer.body(), to);
            }
            answer.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A token call's answer: the seller's new tokens belong to the sandbox that issued them. */
    private void learnTokens(byte[] answer, LazadaSandbox issuer) {
        try {
            JsonNode tokens = JSON.readTree(answer);
            for (String field : new String[] {"access_token", "refresh_token"}) {
                JsonNode t = tokens.get(field);
                if (t != null && t.isTextual()) {
                    byToken.put(t.asText(), issuer);
                }
            }
        } catch (IOException notJson) {
            // an error page: nothing to learn
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
