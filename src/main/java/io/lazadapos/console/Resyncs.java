package io.lazadapos.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.api.ApiJson;
import io.lazadapos.api.ApiProblem;
import io.lazadapos.api.OrderViews;
import io.lazadapos.sync.OrderPoll;
import io.lazadapos.sync.PollCursor;

/**
 * Resyncs an operator asks for: one order fetched fresh from Lazada and reprocessed, or a time
 * window re-read page by page in the background (route poll-window, source "resync") with its
 * progress visible while it runs. One window at a time; the poll keeps running beside it.
 */
public final class Resyncs {

    private static final Logger LOG = LoggerFactory.getLogger(Resyncs.class);
    private static final int KEPT_JOBS = 20;

    /** A window resync and how far it got. */
    static final class Job {
        final String id;
        final String sellerId;
        final Instant from;
        final Instant to;
        final Instant startedAt;
        final PollCursor cursor;
        volatile String state = "RUNNING";
        volatile Instant finishedAt;
        volatile String error;

        Job(String id, String sellerId, Instant from, Instant to, Instant startedAt, PollCursor cursor) {
            this.id = id;
            this.sellerId = sellerId;
            this.from = from;
            this.to = to;
            this.startedAt = startedAt;
            this.cursor = cursor;
        }

        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("sellerId", sellerId);
            m.put("from", from.toString());
            m.put("to", to.toString());
            m.put("state", state);
            m.put("startedAt", startedAt.toString());
            m.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
            m.put("pages", cursor.getPages());
            m.put("ordersRead", cursor.getOrdersRead());
            m.put("ordersFetched", cursor.getOrdersFetched());
            long expected = cursor.getExpectedTotal();
            m.put("ordersInWindow", expected < 0 ? null : expected);
            m.put("error", error);
            return m;
        }
    }

    private final ProducerTemplate producer;
    private final OrderRefetch refetch;
    private final OrderPoll poll;
    private final OrderViews views;
    private final ExecutorService executor;
    private final String defaultSeller;
    private final java.util.function.Function<String, ZoneOffset> offsetOfSeller;
    private final Duration maxWindow;
    private final Clock clock;
    private final List<Job> jobs = Collections.synchronizedList(new ArrayList<>());

    Resyncs(ProducerTemplate producer, OrderPoll poll, OrderViews views, ExecutorService executor, String defaultSeller,
            java.util.function.Function<String, ZoneOffset> offsetOfSeller, Duration maxWindow, Clock clock) {
        this.producer = producer;
        this.refetch = new OrderRefetch(producer);
        this.poll = poll;
        this.views = views;
        this.executor = executor;
        this.defaultSeller = defaultSeller;
        this.offsetOfSeller = offsetOfSeller;
        this.maxWindow = maxWindow;
        this.clock = clock;
    }

    /** Fetches one order fresh from Lazada and reprocesses it; answers what changed and the order. */
    public Map<String, Object> order(String orderId, String sellerId) {
        if (orderId == null || orderId.isBlank()) {
            throw ApiProblem.badRequest("an order id is required");
        }
        String seller = sellerId == null || sellerId.isBlank() ? defaultSeller : sellerId.trim();
        OrderRefetch.Outcome outcome = refetch.refetch(seller, orderId, "resync");
        if (outcome.deadLetterId() != null) {
            throw new ApiProblem(502, "resync_failed", "order " + orderId + " failed to sync and was recorded as dead letter "
                    + outcome.deadLetterId());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sellerId", seller);
        m.put("orderId", orderId);
        m.put("outcome", outcome.name());
        m.put("order", views.order(orderId, seller));
        return m;
    }

    /** Starts re-reading the window [from, to) in the background; 409 while another one runs. */
    public synchronized Map<String, Object> start(String fromText, String toText, String sellerId) {
        Instant now = clock.instant();
        String seller = sellerId == null || sellerId.isBlank() ? defaultSeller : sellerId.trim();
        ZoneOffset sellerOffset = offsetOfSeller.apply(seller);
        Instant from = instant("from", fromText, false, sellerOffset);
        Instant to = toText == null || toText.isBlank() ? now : instant("to", toText, true, sellerOffset);
        if (to.isAfter(now)) {
            to = now;
        }
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("from must be before to (and before now)");
        }
        if (Duration.between(from, to).compareTo(maxWindow) > 0) {
            throw ApiProblem.badRequest("a resync window is at most " + maxWindow.toDays() + " days; split it");
        }
        synchronized (jobs) {
            for (Job j : jobs) {
                if ("RUNNING".equals(j.state)) {
                    throw ApiProblem.conflict("resync " + j.id + " is still running; wait for it (GET /api/resync/" + j.id + ")");
                }
            }
        }
        Job job = new Job(UUID.randomUUID().toString().substring(0, 8), seller, from, to, now, poll.window(seller, from, to));
        jobs.add(0, job);
        while (jobs.size() > KEPT_JOBS) {
            jobs.remove(jobs.size() - 1);
        }
        LOG.info("resync {} of seller {} over [{}, {}) started", job.id, seller, from, to);
        executor.submit(() -> run(job));
        return job.view();
    }

    private void run(Job job) {
        try {
            Exchange done = producer.send("direct:poll-window", e -> {
                e.setProperty("cursor", job.cursor);
                e.setProperty("syncSource", "resync");
            });
            if (done.getException() != null) {
                Exception x = done.getException();
                job.error = x.getClass().getSimpleName() + ": " + ApiJson.withoutSecrets(x.getMessage());
                job.state = "FAILED";
                LOG.error("resync {} failed after {} pages: {}", job.id, job.cursor.getPages(), job.error);
            } else {
                job.state = "DONE";
                LOG.info("resync {} done: {}", job.id, job.cursor);
            }
        } catch (RuntimeException e) {
            job.error = e.getClass().getSimpleName() + ": " + ApiJson.withoutSecrets(e.getMessage());
            job.state = "FAILED";
            LOG.error("resync {} failed", job.id, e);
        } finally {
            job.finishedAt = clock.instant();
        }
    }

    public Map<String, Object> job(String id) {
        synchronized (jobs) {
            for (Job j : jobs) {
                if (j.id.equals(id)) {
                    return j.view();
                }
            }
        }
        throw ApiProblem.notFound("no such resync: " + Paging.shorten(id) + " (the last " + KEPT_JOBS + " are kept until a restart)");
    }

    /** The recent window resyncs, of one seller when {@code sellerId} is given. */
    public Map<String, Object> recent(String sellerId) {
        List<Map<String, Object>> views = new ArrayList<>();
        boolean bySeller = sellerId != null && !sellerId.isBlank();
        synchronized (jobs) {
            jobs.stream().filter(j -> !bySeller || j.sellerId.equals(sellerId.trim())).forEach(j -> views.add(j.view()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resyncs", views);
        return m;
    }

    /** ISO-8601 with an offset ({@code 2026-11-01T00:00:00Z}) or a date ({@code 2026-11-01}, the seller's day; as {@code to} its end). */
    private static Instant instant(String name, String text, boolean endOfDay, ZoneOffset sellerOffset) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest(name + " is required (ISO-8601, e.g. 2026-11-01T00:00:00Z or 2026-11-01)");
        }
        // A '+' of an offset that was not URL-encoded arrives as a space.
        String t = text.trim().replace(' ', '+');
        try {
            if (t.length() == 10) {
                LocalDate day = LocalDate.parse(t);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().atOffset(sellerOffset).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " '" + Paging.shorten(t) + "' is not ISO-8601 (e.g. 2026-11-01T00:00:00Z or 2026-11-01)");
        }
    }
}
