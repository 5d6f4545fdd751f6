package io.lazadapos.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lazadapos.outbox.EventSignature;

/**
 * The seller's own POS as the events outbox meets it: a real HTTP server (the JDK's) that checks
 * each request's signature and keeps what it accepted. It can refuse a share of the requests,
 * answer with a chosen status for a while, or be away (stopped, then started on the same port).
 */
final class EventReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as it arrived, and what was answered. */
    record Request(String eventIds, String idempotencyKey, String signature, boolean signatureValid, String authorization, JsonNode body,
            int answered) {
        List<Long> ids() {
            List<Long> ids = new ArrayList<>();
            body.get("events").forEach(e -> ids.add(e.get("id").asLong()));
            return ids;
        }
    }

    private final int port;
    private final EventSignature signature;
    private final Random random = new Random(7);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answerWith = new AtomicInteger(200);
    private volatile double failShare;
    private volatile long delayMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile String answerBody = "";
    private HttpServer server;

    EventReceiver(String secret) {
        this.port = RunningApp.freePort();
        this.signature = new EventSignature(secret);
        start();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/pos/events";
    }

    int port() {
        return port;
    }

    /** A share (0..1) of the requests is answered 500. */
    void failShare(double share) {
        this.failShare = share;
    }

    /** Each answer comes this much later (a receiver doing some work). */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Every request is answered with this status (and body) until set back to 200. */
    void answer(int status, String body) {
        answerWith.set(status);
        answerBody = body;
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/pos/events", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Away: connections are refused until {@link #start()}. */
    synchronized void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            answer(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The most requests it had in hand at the same time. */
    int mostAtOnce() {
        return mostInFlight.get();
    }

    private void answer(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        String sig = ex.getRequestHeaders().getFirst("X-Pos-Signature");
        boolean valid = signature.signs() ? signature.of(body).equals(sig) : sig == null;
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = answerWith.get();
        if (status == 200 && random.nextDouble() < failShare) {
            status = 500;
        }
        if (status == 200 && !valid) {
            status = 401;
        }
        JsonNode json = JSON.readTree(body);
        requests.add(new Request(ex.getRequestHeaders().getFirst("X-Pos-Event-Ids"), ex.getRequestHeaders().getFirst("Idempotency-Key"),
                sig, valid, ex.getRequestHeaders().getFirst("Authorization"), json, status));
        byte[] answer = (status == 200 ? "{\"ok\":true}" : answerBody).getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(answer);
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests answered 200, in arrival order. */
    List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() == 200).toList();
    }

    /** The ids of the accepted events, in the order they arrived (redeliveries included). */
    List<Long> acceptedIds() {
        List<Long> ids = new ArrayList<>();
        accepted().forEach(r -> ids.addAll(r.ids()));
        return ids;
    }

    /** The accepted events, each once (the first time), in arrival order. */
    List<JsonNode> acceptedEvents() {
        List<JsonNode> events = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Request r : accepted()) {
            for (JsonNode e : r.body().get("events")) {
                if (seen.add(e.get("id").asLong())) {
                    events.add(e);
                }
            }
        }
        return events;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // already stopped
        }
    }
}
