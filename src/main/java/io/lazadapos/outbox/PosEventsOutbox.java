package io.lazadapos.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.api.ApiJson;
import io.lazadapos.api.OrderViews;

/**
 * The events outbox: ledger_event is written once per change in the same transaction as the
 * document, so it is the outbox; this class reads it in id order, builds each request's payload,
 * and keeps the position of the last acknowledged event in the ledger (pos_event_delivery), so that
 * a stop, a crash or a receiver away for hours loses nothing.
 *
 * <p>Ids are handed out when an event is inserted, not when its transaction commits: a batch still
 * open (or rolled back) leaves a hole below events already visible. The outbox never passes a
 * hole while it is younger than {@code gapWait} (the longest a batch's transaction is expected to
 * stay open); an older one is an id no commit will ever bring (a rolled-back batch), and is passed.
 * So every committed event is delivered, and one order's events (written one transaction after
 * the other, under the order's lock) in the order they were written.
 */
public final class PosEventsOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(PosEventsOutbox.class);
    /** The one target of today's settings (a row per target in pos_event_delivery). */
    public static final String TARGET = "default";

    /** One request: events {@code firstId..lastId} (oldest first), after position {@code after}. */
    public static final class Batch {
        private final long after;
        private final long firstId;
        private final long lastId;
        private final int size;
        private final byte[] body;
        private final String signature;
        private final List<Instant> occurredAt;

        Batch(long after, long firstId, long lastId, int size, byte[] body, String signature, List<Instant> occurredAt) {
            this.after = after;
            this.firstId = firstId;
            this.lastId = lastId;
            this.size = size;
            this.body = body;
            this.signature = signature;
            this.occurredAt = occurredAt;
        }

        public long after() {
            return after;
        }

        public long firstId() {
            return firstId;
        }

        public long lastId() {
            return lastId;
        }

        public int size() {
            return size;
        }

        /** The raw JSON body {"events": [...]}: what is signed and sent. */
        public byte[] body() {
            return body;
        }

        /** X-Pos-Signature, or null without a secret. */
        public String signature() {
            return signature;
        }

        /** X-Pos-Event-Ids: the first and the last id. */
        public String eventIds() {
            return firstId + "-" + lastId;
        }

        /** Idempotency-Key: the batch's last id. */
        public String idempotencyKey() {
            return Long.toString(lastId);
        }

        /** The file name of a file target: sorts in delivery order. */
        public String fileName() {
            return String.format("pos-events-%019d-%019d.json", firstId, lastId);
        }

        @Override
        public String toString() {
            return "events " + eventIds() + " (" + size + ")";
        }
    }

    private final JdbcTemplate jdbc;
    private final OrderViews orders;
    private final String targetUri;
    private final int batchSize;
    private final EventSignature signature;
    private final Duration gapWait;
    private final RetryDelays delays;
    private final Clock clock;
    private final Map<Long, Instant> holesSeen = new HashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Consumer<Duration> lagRecorder = lag -> { };
    /** (highest id seen, when) marks: an event is sent once it has been visible for {@link #durableAfter}. */
    private final java.util.ArrayDeque<long[]> seen = new java.util.ArrayDeque<>();
    private Duration durableAfter = Duration.ZERO;
    private long failuresInRow;
    private volatile Instant nextAttemptAt = Instant.MIN;

    /** @param targetUri POS_EVENTS_URI, null when it is not set */
    public PosEventsOutbox(JdbcTemplate jdbc, OrderViews orders, String targetUri, int batchSize, EventSignature signature,
            Duration gapWait, RetryDelays delays, Clock clock) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("POS_EVENTS_BATCH must be between 1 and 10000, got " + batchSize);
        }
        this.jdbc = jdbc;
        this.orders = orders;
        this.targetUri = targetUri;
        this.batchSize = batchSize;
        this.signature = signature;
        this.gapWait = gapWait;
        this.delays = delays;
        this.clock = clock;
    }

    /**
     * How long a commit takes to reach the disk after it is visible: an embedded HSQLDB ledger writes
     * its log every {@code hsqldb.write_delay_millis}, and a crash loses the commits of that last
     * moment. The outbox sends an event only once it has been visible that long, so that it never
     * sends an event a crash could take back.
     */
    public void durableAfter(Duration delay) {
        this.durableAfter = delay;
    }

    /**
     * The write delay of an embedded HSQLDB file ledger: zero for others (PostgreSQL, an HSQLDB
     * server, an in-memory ledger), whose visible commits a crash of this process does not take back.
     */
    public Duration ledgerWriteDelay() {
        try {
            String url = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c -> c.getMetaData().getURL());
            if (url == null || !url.startsWith("jdbc:hsqldb:file:")) {
                return Duration.ZERO;
            }
            List<String> v = jdbc.queryForList("SELECT property_value FROM information_schema.system_properties "
                    + "WHERE property_name = 'hsqldb.write_delay_millis'", String.class);
            List<String> mem = jdbc.queryForList("SELECT property_value FROM information_schema.system_properties "
                    + "WHERE property_name = 'hsqldb.write_delay'", String.class);
            if (v.isEmpty() || (!mem.isEmpty() && "false".equalsIgnoreCase(mem.get(0)))) {
                return Duration.ZERO;
            }
            return Duration.ofMillis(Long.parseLong(v.get(0).trim()));
        } catch (RuntimeException notHsqldb) {
            return Duration.ZERO;
        }
    }

    /** Each acknowledged event's lag (written to acknowledged), for the metrics. */
    public void onDelivered(Consumer<Duration> lagRecorder) {
        this.lagRecorder = lagRecorder;
    }

    /**
     * Creates the position row the first time, before the first event the ledger holds (every
     * event is delivered, the oldest first); a twin instance creating it at the same time is fine.
     */
    public void start() {
        if (position() != null) {
            return;
        }
        Long first = jdbc.queryForObject("SELECT MIN(id) FROM ledger_event", Long.class);
        long before = (first != null ? first : identityStart()) - 1;
        try {
            jdbc.update("INSERT INTO pos_event_delivery (target, delivered_up_to) VALUES (?, ?)", TARGET, before);
            LOG.info("events outbox to {}: delivering from event {}", EventTarget.masked(targetUri), before + 1);
        } catch (DuplicateKeyException another) {
            // another instance created it first
        }
    }

    /** The first id the ledger_event identity hands out (1 when the database does not say). */
    private long identityStart() {
        try {
            List<String> starts = jdbc.queryForList("SELECT identity_start FROM information_schema.columns "
                    + "WHERE LOWER(table_name) = 'ledger_event' AND LOWER(column_name) = 'id'", String.class);
            return starts.stream().filter(s -> s != null && !s.isBlank()).mapToLong(s -> Long.parseLong(s.trim())).min().orElse(1);
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** The last acknowledged id, or null before {@link #start()}. */
    public Long position() {
        List<Long> p = jdbc.queryForList("SELECT delivered_up_to FROM pos_event_delivery WHERE target = ?", Long.class, TARGET);
        return p.isEmpty() ? null : p.get(0);
    }

    private record Event(long id, String sellerId, String orderId, String type, String subject, Instant occurredAt, String source) {
    }

    /**
     * The next request to send, oldest events first, at most the batch size; null when nothing is
     * deliverable now (nothing pending, only events behind a young hole, or waiting after a failure).
     */
    public synchronized Batch next() {
        Instant now = clock.instant();
        if (now.isBefore(nextAttemptAt)) {
            return null;
        }
        Long position = position();
        if (position == null) {
            start();
            position = position();
        }
        long after = position;
        holesSeen.keySet().removeIf(id -> id <= after);
        List<Event> rows = jdbc.query("SELECT id, seller_id, order_id, type, subject, occurred_at, source FROM ledger_event "
                + "WHERE id > ? ORDER BY id LIMIT ?", (rs, n) -> event(rs), after, batchSize);
        List<Event> take = new ArrayList<>();
        long expected = after + 1;
        for (Event e : rows) {
            if (e.id() != expected) {
                Instant seen = holesSeen.computeIfAbsent(expected, id -> now);
                if (Duration.between(seen, now).compareTo(gapWait) < 0) {
                    break; // a batch still open below these events: wait for it
                }
                LOG.info("events outbox: ids {}..{} never committed (a rolled-back batch); passed", expected, e.id() - 1);
            }
            take.add(e);
            expected = e.id() + 1;
        }
        take = durable(take, now);
        if (take.isEmpty()) {
            return null;
        }
        LinkedHashSet<String[]> keys = new LinkedHashSet<>();
        Map<String, String[]> byKey = new LinkedHashMap<>();
        take.forEach(e -> byKey.putIfAbsent(e.sellerId() + "/" + e.orderId(), new String[] {e.sellerId(), e.orderId()}));
        keys.addAll(byKey.values());
        Map<String, Map<String, Object>> views = orders.ordersByKey(keys);
        List<Map<String, Object>> events = new ArrayList<>(take.size());
        List<Instant> occurred = new ArrayList<>(take.size());
        for (Event e : take) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("sellerId", e.sellerId());
            m.put("orderId", e.orderId());
            m.put("type", e.type());
            m.put("subject", e.subject() == null || e.subject().isEmpty() ? null : e.subject());
            m.put("occurredAt", e.occurredAt() == null ? null : e.occurredAt().toString());
            m.put("source", e.source());
            m.put("order", views.get(e.sellerId() + "/" + e.orderId()));
            events.add(m);
            occurred.add(e.occurredAt());
        }
        byte[] body;
        try {
            body = ApiJson.MAPPER.writeValueAsBytes(Map.of("events", events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Batch(after, take.get(0).id(), take.get(take.size() - 1).id(), take.size(), body, signature.of(body), occurred);
    }

    /** Of these events (in id order), the ones visible for {@link #durableAfter} already. */
    private List<Event> durable(List<Event> events, Instant now) {
        if (durableAfter.isZero() || events.isEmpty()) {
            return events;
        }
        // Every event visible now is durable once the write delay has passed: mark the highest id.
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM ledger_event", Long.class);
        long highest = max == null ? events.get(events.size() - 1).id() : max;
        if (seen.isEmpty() || seen.peekLast()[0] < highest) {
            seen.addLast(new long[] {highest, now.toEpochMilli()});
        }
        long settled = Long.MIN_VALUE;
        long before = now.minus(durableAfter).toEpochMilli();
        while (!seen.isEmpty() && seen.peekFirst()[1] <= before) {
            settled = seen.pollFirst()[0];
        }
        if (settled != Long.MIN_VALUE) {
            seen.addFirst(new long[] {settled, before}); // still settled next time
        }
        long limit = settled;
        return events.stream().filter(e -> e.id() <= limit).toList();
    }

    private static Event event(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new Event(rs.getLong("id"), rs.getString("seller_id"), rs.getString("order_id"), rs.getString("type"),
                rs.getString("subject"), at == null ? null : at.toInstant(), rs.getString("source"));
    }

    /** The target answered 2xx: the position moves past the batch (unless an operator rewound meanwhile). */
    public synchronized void acknowledged(Batch batch) {
        Instant now = clock.instant();
        int moved = jdbc.update("UPDATE pos_event_delivery SET delivered_up_to = ?, delivered_at = ?, delivered_events = delivered_events + ?, "
                + "failed_attempts = 0 WHERE target = ? AND delivered_up_to = ?",
                batch.lastId(), now.atOffset(ZoneOffset.UTC), batch.size(), TARGET, batch.after());
        failuresInRow = 0;
        nextAttemptAt = Instant.MIN;
        delivered.addAndGet(batch.size());
        if (moved == 0) {
            LOG.info("events outbox: {} acknowledged, but the position was moved meanwhile (a rewind); it stays", batch);
        }
        for (Instant at : batch.occurredAt) {
            if (at != null) {
                lagRecorder.accept(Duration.between(at, now));
            }
        }
    }

    /** The target refused the batch with an HTTP status (4xx, 5xx, 3xx): retried later, like any failure. */
    public void refused(Batch batch, int status, String responseBody) {
        String body = responseBody == null ? "" : responseBody;
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > 500) {
            body = new String(bytes, 0, 500, java.nio.charset.StandardCharsets.UTF_8);
        }
        record(batch, status, "HTTP " + status + (body.isEmpty() ? "" : ": " + body));
    }

    /** No acknowledgement: a timeout, a refused connection, a file that could not be written. */
    public void failed(Batch batch, Throwable error) {
        String text = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        record(batch, null, text);
    }

    private synchronized void record(Batch batch, Integer status, String error) {
        Instant now = clock.instant();
        String masked = EventTarget.maskedIn(error, targetUri);
        if (masked.length() > 1000) {
            masked = masked.substring(0, 1000);
        }
        failuresInRow++;
        failed.incrementAndGet();
        Duration wait = delays.after(failuresInRow);
        nextAttemptAt = now.plus(wait);
        jdbc.update("UPDATE pos_event_delivery SET failed_attempts = failed_attempts + 1, last_error = ?, last_error_status = ?, "
                + "last_error_at = ? WHERE target = ?", masked, status, now.atOffset(ZoneOffset.UTC), TARGET);
        LOG.warn("events outbox: {} not acknowledged by {} ({}); attempt {} failed, next in {} ms", batch, EventTarget.masked(targetUri),
                masked, failuresInRow, wait.toMillis());
    }

    /** Re-sends from event {@code from} on (an operator's repair after the receiver lost data). */
    public synchronized Map<String, Object> rewind(long from) {
        if (!enabled()) {
            throw new IllegalStateException("POS_EVENTS_URI is not set: there is no delivery to rewind");
        }
        Long position = position();
        if (position == null) {
            throw new IllegalStateException("the events outbox has not started");
        }
        if (from < 1) {
            throw new IllegalArgumentException("to must be an event id (1 or more), got " + from);
        }
        if (from - 1 > position) {
            throw new IllegalArgumentException("to=" + from + " is past what was delivered (up to " + position
                    + "): a rewind only goes back");
        }
        jdbc.update("UPDATE pos_event_delivery SET delivered_up_to = ? WHERE target = ?", from - 1, TARGET);
        nextAttemptAt = Instant.MIN;
        failuresInRow = 0;
        LOG.info("events outbox rewound: events from {} are sent again (was delivered up to {})", from, position);
        return status();
    }

    /** What is pending: how many events, and when the oldest was written. */
    public record Pending(long count, Instant oldestAt) {
        public Duration age(Instant now) {
            return oldestAt == null ? Duration.ZERO : Duration.between(oldestAt, now);
        }
    }

    public Pending pending() {
        Long position = position();
        long after = position == null ? -1 : position;
        return jdbc.queryForObject("SELECT COUNT(*) AS n, MIN(occurred_at) AS oldest FROM ledger_event WHERE id > ?", (rs, n) -> {
            OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
            return new Pending(rs.getLong("n"), oldest == null ? null : oldest.toInstant());
        }, after);
    }

    /** Events acknowledged through this instance since it started. */
    public long deliveredHere() {
        return delivered.get();
    }

    /** Attempts that failed here since start. */
    public long failedHere() {
        return failed.get();
    }

    /** Whether POS_EVENTS_URI is set (else this outbox only answers that nothing is sent). */
    public boolean enabled() {
        return targetUri != null;
    }

    /** GET /api/pos-events. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!enabled()) {
            m.put("enabled", false);
            m.put("target", null);
            m.put("message", "POS_EVENTS_URI is not set: ledger events are not sent anywhere");
            return m;
        }
        m.put("enabled", true);
        m.put("target", EventTarget.masked(targetUri));
        m.put("signed", signature.signs());
        m.put("batchSize", batchSize);
        Instant now = clock.instant();
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT delivered_up_to, delivered_at, delivered_events, failed_attempts, "
                + "last_error, last_error_status, last_error_at FROM pos_event_delivery WHERE target = ?", TARGET);
        if (!rows.isEmpty()) {
            Map<String, Object> r = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.putAll(rows.get(0));
            m.put("deliveredUpTo", r.get("delivered_up_to"));
            m.put("lastDeliveredAt", instant(r.get("delivered_at")));
            m.put("deliveredEvents", r.get("delivered_events"));
            m.put("attempts", r.get("failed_attempts"));
            if (r.get("last_error") != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("message", r.get("last_error"));
                e.put("status", r.get("last_error_status"));
                e.put("at", instant(r.get("last_error_at")));
                m.put("lastError", e);
            } else {
                m.put("lastError", null);
            }
        }
        Pending p = pending();
        m.put("pending", p.count());
        m.put("oldestPendingAt", p.oldestAt() == null ? null : p.oldestAt().toString());
        m.put("oldestPendingAgeSeconds", p.count() == 0 ? 0 : p.age(now).toSeconds());
        Instant next = nextAttemptAt;
        m.put("nextAttemptAt", next.isAfter(now) ? next.toString() : null);
        return m;
    }

    private static String instant(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return v == null ? null : v.toString();
    }
}
