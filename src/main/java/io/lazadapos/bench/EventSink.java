package io.lazadapos.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A seller's POS for the benchmark: a local HTTP server that takes the outbox's requests and counts their events. */
final class EventSink implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile long lastAt;
    private volatile long firstAt;

    EventSink(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/events", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode json = JSON.readTree(body);
            long now = System.nanoTime();
            if (firstAt == 0) {
                firstAt = now;
            }
            events.addAndGet(json.get("events").size());
            requests.incrementAndGet();
            lastAt = now;
            ex.sendResponseHeaders(204, -1);
            try (OutputStream out = ex.getResponseBody()) {
                out.flush();
            }
        });
        server.start();
    }

    String url(int port) {
        return "http://127.0.0.1:" + port + "/events";
    }

    long events() {
        return events.get();
    }

    long requests() {
        return requests.get();
    }

    /** System.nanoTime() of the last request taken. */
    long lastAt() {
        return lastAt;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
