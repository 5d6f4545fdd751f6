package io.lazadapos.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every item status change (type 0) and reverse-order change (type 10) to the callback URL,
 * signed like Lazada, from its own thread: a listener call only queues the push, so the sandbox's
 * API and generator never wait for the receiver. Drops, duplicates, delays and swaps a configured
 * share. Like Lazada, a push that fails is not sent again here (Lazada retries only every 30
 * minutes): the receiver's poll is what catches up.
 */
final class PushSender implements SandboxStatusListener, SandboxReverseListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushSender.class);

    private final SandboxSettings settings;
    private final PushSettings pushes;
    private final List<URI> callbacks;
    private final AtomicLong next = new AtomicLong();
    private final String site;
    private final PushFaults faults;
    private final HttpClient http;
    private final ScheduledExecutorService sender;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    /** A push held back to go out right after the next one (guarded by this). */
    private String held;
    /** While the receiver is not up yet: pushes wait here, in order (guarded by this). */
    private List<Runnable> waiting;

    PushSender(SandboxSettings settings, SplittableRandom faultRandom) {
        this.settings = settings;
        this.pushes = settings.pushes();
        this.callbacks = java.util.Arrays.stream(pushes.callbackUrl().split(",")).map(String::trim).filter(u -> !u.isEmpty())
                .map(URI::create).toList();
        this.site = PushMessages.site(settings.country());
        this.faults = new PushFaults(pushes, faultRandom);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lazada-sandbox-push");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onItemStatus(String sellerId, String orderId, String orderItemId, String newStatus, Instant updateTime) {
        queue(PushMessages.tradeOrder(sellerId, newStatus, orderId, orderItemId, updateTime.getEpochSecond(),
                settings.clock().millis(), site));
    }

    @Override
    public void onReverseStatus(String sellerId, String reverseOrderId, String reverseOrderLineId, String reverseStatus,
                                String tradeOrderId, String tradeOrderLineId, Instant updateTime) {
        queue(PushMessages.reverseOrder(sellerId, reverseOrderId, reverseOrderLineId, reverseStatus, tradeOrderId,
                tradeOrderLineId, updateTime.getEpochSecond(), settings.clock().millis(), site));
    }

    /** Decides the push's fate and schedules it; never blocks on the network. */
    private synchronized void queue(String body) {
        switch (faults.next()) {
            case DROP -> {
                dropped.incrementAndGet();
                return;
            }
            case DUPLICATE -> {
                duplicated.incrementAndGet();
                schedule(body, 0);
                schedule(body, 0);
            }
            case DELAY -> {
                delayed.incrementAndGet();
                schedule(body, faults.delayMillis());
                return;
            }
            case REORDER -> {
                if (held == null) {
                    reordered.incrementAndGet();
                    held = body;
                    pending.incrementAndGet();
                    // Nobody may follow: then it goes out alone after the longest delay.
                    sender.schedule(() -> releaseHeld(body), pushes.maxDelay().toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                schedule(body, 0);
            }
            case DELIVER -> schedule(body, 0);
        }
        if (held != null) {
            // Same due time, queued later: the scheduler sends it right after this one.
            String swapped = held;
            held = null;
            pending.decrementAndGet();
            schedule(swapped, 0);
        }
    }

    private synchronized void releaseHeld(String body) {
        if (body.equals(held)) {
            held = null;
            pending.decrementAndGet();
            schedule(body, 0);
        }
    }

    private synchronized void schedule(String body, long delayMillis) {
        pending.incrementAndGet();
        Runnable start = () -> {
            try {
                sender.schedule(() -> send(body), delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                pending.decrementAndGet();
            }
        };
        if (waiting != null) {
            waiting.add(start);
        } else {
            start.run();
        }
    }

    /** Pushes made from now on wait (counted as pending) until {@link #release()}. */
    synchronized void hold() {
        if (waiting == null) waiting = new ArrayList<>();
    }

    synchronized void release() {
        if (waiting == null) return;
        List<Runnable> due = waiting;
        waiting = null;
        due.forEach(Runnable::run);
    }

    private void send(String body) {
        URI callback = null;
        try {
            // Several callback URLs: one after the other (several instances behind no load balancer).
            callback = callbacks.get((int) Math.floorMod(next.getAndIncrement(), (long) callbacks.size()));
            HttpRequest request = HttpRequest.newBuilder(callback)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("Authorization", RequestSignature.pushSignature(settings.appKey(), body, settings.appSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                sent.incrementAndGet();
            } else {
                fail(callback, "answered " + response.statusCode());
            }
        } catch (IOException e) {
            fail(callback, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.decrementAndGet();
        }
    }

    private void fail(URI callback, String why) {
        long n = failed.incrementAndGet();
        // The first failures are worth a line; a receiver that is down for long would flood the log.
        if (n <= 5 || n % 100 == 0) {
            log.warn("Sandbox push to {} failed ({} failures so far): {}", callback, n, why);
        }
    }

    LazadaSandbox.PushStats stats() {
        return new LazadaSandbox.PushStats(sent.get(), failed.get(), dropped.get(), duplicated.get(), delayed.get(), reordered.get(), pending.get());
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
