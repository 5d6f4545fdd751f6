package io.lazadapos.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.lazada.LazadaPush;
import io.lazadapos.lazada.LazadaPushReader;
import io.lazadapos.ledger.DeadLetters;

/**
 * The durable inbox of Lazada pushes. The endpoint writes a row and answers; the drain claims
 * the rows that are due, one order at a time, and marks them done or failed.
 *
 * <p>Claiming is an UPDATE of {@code PENDING} rows to {@code CLAIMED} under a fresh claim id: a
 * row is taken by exactly one claimer even when several instances share the database. An order is
 * claimed as a whole first ({@code push_order_claim}, whose key takes one claim per order), so
 * one instance at a time processes an order's pushes: pushes that arrive meanwhile wait for the
 * next claim, on whichever instance. Rows are
 * due when the order's pushes have been quiet for the coalescing window (so the N item pushes of
 * one change, and bursts, end in one fetch), or when the oldest has waited too long.
 */
public final class PushInbox {

    private static final Logger LOG = LoggerFactory.getLogger(PushInbox.class);
    private static final int MAX_ERROR = 2000;

    /** How the drain behaves. */
    public record Settings(Duration coalesceWindow, Duration longestWait, int batchLimit, Duration claimTimeout, Duration keepProcessed) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate receiving;
    private final JdbcTemplate limited;
    private final LazadaPushReader reader;
    private final DeadLetters deadLetters;
    private final Settings settings;
    private final String instanceId;
    private final Clock clock;

    public PushInbox(JdbcTemplate jdbc, LazadaPushReader reader, DeadLetters deadLetters, Settings settings, String instanceId, Clock clock) {
        this(jdbc, jdbc, reader, deadLetters, settings, instanceId, clock);
    }

    /** receiving: what the push endpoint writes with (connections of its own, so that an answer never waits behind the sync's). */
    public PushInbox(JdbcTemplate jdbc, JdbcTemplate receiving, LazadaPushReader reader, DeadLetters deadLetters, Settings settings,
            String instanceId, Clock clock) {
        this.jdbc = jdbc;
        this.receiving = receiving;
        this.limited = new JdbcTemplate(jdbc.getDataSource());
        this.limited.setMaxRows(Math.max(1, settings.batchLimit()));
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Writes a push as received; types the sync does not act on are kept as IGNORED. Answers the row's status. */
    public String accept(LazadaPush push) {
        String status = push.actionable() ? "PENDING" : "IGNORED";
        receiving.update("INSERT INTO push_inbox (message_type, seller_id, order_id, status, raw_body, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                push.messageType(), push.sellerId(), push.tradeOrderId(), status, push.rawBody(), now());
        return status;
    }

    /** A signed body that is not a readable push: kept whole as a dead letter, for an operator. */
    public void keepMalformed(byte[] rawBody, Throwable error) {
        deadLetters.record(null, null, "push", error, rawBody == null ? "" : new String(rawBody, StandardCharsets.UTF_8));
    }

    /** Claims what is due now: one batch per order, and one per token-expiring push. */
    public List<PushBatch> claimDue() {
        Instant now = clock.instant();
        List<PushBatch> batches = new ArrayList<>();
        List<Map<String, Object>> orders = limited.queryForList(
                "SELECT seller_id, order_id FROM push_inbox p WHERE status = 'PENDING' AND order_id IS NOT NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM push_order_claim c WHERE c.order_id = p.order_id AND c.seller_id = p.seller_id) "
                        + "GROUP BY seller_id, order_id HAVING MAX(received_at) <= ? OR MIN(received_at) <= ? ORDER BY MIN(received_at)",
                utc(now.minus(settings.coalesceWindow())), utc(now.minus(settings.longestWait())));
        batches.addAll(claimOrders(orders, now));
        List<Long> alerts = limited.queryForList(
                "SELECT id FROM push_inbox WHERE status = 'PENDING' AND order_id IS NULL ORDER BY id", Long.class);
        for (Long id : alerts) {
            String claimId = newClaimId();
            int n = jdbc.update("UPDATE push_inbox SET status = 'CLAIMED', claimed_by = ?, claim_id = ?, claimed_at = ?, attempts = attempts + 1 "
                    + "WHERE status = 'PENDING' AND id = ?", instanceId, claimId, utc(now), id);
            if (n > 0) {
                batches.add(batch(claimId, null, null));
            }
        }
        return batches;
    }

    /**
     * Claims the due orders in three batched statements (the order claims, their rows, their
     * bodies) instead of three per order. A claim another instance made meanwhile makes the
     * batch fail on the order's key: then the orders are claimed one at a time.
     */
    private List<PushBatch> claimOrders(List<Map<String, Object>> orders, Instant now) {
        if (orders.isEmpty()) {
            return List.of();
        }
        List<String[]> keys = new ArrayList<>(orders.size());
        for (Map<String, Object> o : orders) {
            keys.add(new String[] {(String) o.get("seller_id"), (String) o.get("order_id"), newClaimId()});
        }
        int[] inserted;
        try {
            inserted = jdbc.batchUpdate("INSERT INTO push_order_claim (order_id, seller_id, claim_id, claimed_by, claimed_at) "
                            + "SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(100)), "
                            + "CAST(? AS TIMESTAMP WITH TIME ZONE) FROM (VALUES (0)) AS one (x) "
                            + "WHERE NOT EXISTS (SELECT 1 FROM push_order_claim c WHERE c.order_id = ? AND c.seller_id = ?)",
                    keys.stream().map(k -> new Object[] {k[1], k[0], k[2], instanceId, utc(now), k[1], k[0]}).toList());
        } catch (org.springframework.dao.DataAccessException raced) {
            // Another instance claimed one of these orders meanwhile (a duplicate key, or on some
            // databases a deadlock between the two batches): whatever part of ours went in is taken
            // back, and the orders are claimed one at a time.
            jdbc.batchUpdate("DELETE FROM push_order_claim WHERE claim_id = ?", keys.stream().map(k -> new Object[] {k[2]}).toList());
            return claimOneByOne(keys, now);
        }
        List<String[]> held = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (inserted[i] != 0) {
                held.add(keys.get(i));
            }
        }
        int[] updated = jdbc.batchUpdate("UPDATE push_inbox SET status = 'CLAIMED', claimed_by = ?, claim_id = ?, claimed_at = ?, attempts = attempts + 1 "
                        + "WHERE status = 'PENDING' AND seller_id = ? AND order_id = ?",
                held.stream().map(k -> new Object[] {instanceId, k[2], utc(now), k[0], k[1]}).toList());
        List<String[]> claimed = new ArrayList<>();
        List<Object[]> empty = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            if (updated[i] != 0) {
                claimed.add(held.get(i));
            } else {
                empty.add(new Object[] {held.get(i)[2]});
            }
        }
        if (!empty.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM push_order_claim WHERE claim_id = ?", empty);
        }
        return batches(claimed);
    }

    private List<PushBatch> claimOneByOne(List<String[]> keys, Instant now) {
        List<PushBatch> batches = new ArrayList<>();
        for (String[] k : keys) {
            String sellerId = k[0];
            String orderId = k[1];
            String claimId = k[2];
            if (!claimOrder(claimId, sellerId, orderId, now)) {
                continue; // another instance (or claim) has the order now
            }
            int n = jdbc.update("UPDATE push_inbox SET status = 'CLAIMED', claimed_by = ?, claim_id = ?, claimed_at = ?, attempts = attempts + 1 "
                    + "WHERE status = 'PENDING' AND seller_id = ? AND order_id = ?", instanceId, claimId, utc(now), sellerId, orderId);
            if (n > 0) {
                batches.add(batch(claimId, sellerId, orderId));
            } else {
                releaseOrder(claimId);
            }
        }
        return batches;
    }

    /** The pushes of the claimed orders, read in one query per 500 claims. */
    private List<PushBatch> batches(List<String[]> claimed) {
        Map<String, List<LazadaPush>> byClaim = new LinkedHashMap<>();
        claimed.forEach(k -> byClaim.put(k[2], new ArrayList<>()));
        List<String> ids = new ArrayList<>(byClaim.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            // The bodies passed the reader on receipt: reading them again gives the same pushes.
            jdbc.query("SELECT claim_id, raw_body FROM push_inbox WHERE claim_id IN (" + marks + ") ORDER BY id",
                    rs -> {
                        byClaim.get(rs.getString(1)).add(reader.read(rs.getString(2).getBytes(StandardCharsets.UTF_8)));
                    }, part.toArray());
        }
        List<PushBatch> batches = new ArrayList<>(claimed.size());
        for (String[] k : claimed) {
            batches.add(new PushBatch(k[2], k[0], k[1], byClaim.get(k[2])));
        }
        return batches;
    }

    /** The order's one claim, across every instance; false when someone holds it. */
    private boolean claimOrder(String claimId, String sellerId, String orderId, Instant now) {
        try {
            return jdbc.update("INSERT INTO push_order_claim (order_id, seller_id, claim_id, claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?)",
                    orderId, sellerId, claimId, instanceId, utc(now)) > 0;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    private void releaseOrder(String claimId) {
        jdbc.update("DELETE FROM push_order_claim WHERE claim_id = ?", claimId);
    }

    private PushBatch batch(String claimId, String sellerId, String orderId) {
        // The bodies passed this reader on receipt: reading them again gives the same pushes.
        List<LazadaPush> pushes = jdbc.query("SELECT raw_body FROM push_inbox WHERE claim_id = ? ORDER BY id",
                (rs, i) -> reader.read(rs.getString("raw_body").getBytes(StandardCharsets.UTF_8)), claimId);
        return new PushBatch(claimId, sellerId != null ? sellerId : pushes.get(0).sellerId(), orderId, pushes);
    }

    /** The batch was processed: its rows stay a while, done, for an operator. */
    public void done(PushBatch batch) {
        jdbc.update("UPDATE push_inbox SET status = 'DONE', processed_at = ? WHERE claim_id = ? AND status = 'CLAIMED'",
                now(), batch.claimId());
        releaseOrder(batch.claimId());
    }

    /** Every claim of a batch applied together was processed (two statements for them all). */
    public void doneAll(List<PushBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        jdbc.batchUpdate("UPDATE push_inbox SET status = 'DONE', processed_at = ? WHERE claim_id = ? AND status = 'CLAIMED'",
                batches.stream().map(b -> new Object[] {now, b.claimId()}).toList());
        jdbc.batchUpdate("DELETE FROM push_order_claim WHERE claim_id = ?",
                batches.stream().map(b -> new Object[] {b.claimId()}).toList());
    }

    /** A batch applied together failed as a whole: each claim is marked failed with the error. */
    public void failedAll(List<PushBatch> batches, Throwable error) {
        batches.forEach(b -> failed(b, error));
    }

    /** The batch failed: its rows are marked with the error and the pushes kept as a dead letter; the others go on. */
    public void failed(PushBatch batch, Throwable error) {
        error = rootCause(error);
        String message = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        jdbc.update("UPDATE push_inbox SET status = 'FAILED', processed_at = ?, error_message = ? WHERE claim_id = ? AND status = 'CLAIMED'",
                now(), cut(message), batch.claimId());
        releaseOrder(batch.claimId());
        deadLetters.record(batch.sellerId(), batch.orderId(), "push", error, batch.rawBodies());
    }

    /** The error an operator can act on, not the routing engine's wrappers around it (bean calls, routes). */
    static Throwable rootCause(Throwable error) {
        Throwable e = error;
        while (e != null && e.getCause() != null && e.getCause() != e && e.getClass().getName().startsWith("org.apache.camel.")) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * At start-up, when the inbox has moved to a database of its own: the rows still in the
     * ledger's inbox move over, 500 at a time, in their order, each chunk written here before it
     * is deleted there (a stop in between leaves a chunk in both: a push processed twice fetches
     * the order twice, which changes nothing). Claimed rows come over pending; the claims go.
     * Answers how many rows moved.
     */
    public int moveInFrom(JdbcTemplate former) {
        int moved = 0;
        while (true) {
            List<Object[]> rows = former.query("SELECT id, message_type, seller_id, order_id, status, raw_body, received_at, attempts, "
                            + "processed_at, error_message FROM push_inbox ORDER BY id FETCH FIRST 500 ROWS ONLY",
                    (rs, i) -> new Object[] {rs.getLong("id"), rs.getInt("message_type"), rs.getString("seller_id"), rs.getString("order_id"),
                            "CLAIMED".equals(rs.getString("status")) ? "PENDING" : rs.getString("status"), rs.getString("raw_body"),
                            rs.getObject("received_at", OffsetDateTime.class), rs.getInt("attempts"),
                            rs.getObject("processed_at", OffsetDateTime.class), rs.getString("error_message")});
            if (rows.isEmpty()) {
                break;
            }
            jdbc.batchUpdate("INSERT INTO push_inbox (message_type, seller_id, order_id, status, raw_body, received_at, attempts, "
                    + "processed_at, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows.stream().map(r -> java.util.Arrays.copyOfRange(r, 1, r.length)).toList());
            former.update("DELETE FROM push_inbox WHERE id <= ?", rows.get(rows.size() - 1)[0]);
            moved += rows.size();
        }
        former.update("DELETE FROM push_order_claim");
        if (moved > 0) {
            LOG.info("{} push(es) moved from the ledger's inbox to the inbox's own database", moved);
        }
        return moved;
    }

    /** At start-up: what this instance had claimed before it stopped is pending again. */
    public int releaseClaimsOfThisInstance() {
        jdbc.update("DELETE FROM push_order_claim WHERE claimed_by = ?", instanceId);
        int n = jdbc.update("UPDATE push_inbox SET status = 'PENDING', claimed_by = NULL, claim_id = NULL, claimed_at = NULL "
                + "WHERE status = 'CLAIMED' AND claimed_by = ?", instanceId);
        if (n > 0) {
            LOG.info("{} push(es) claimed before the last stop are pending again", n);
        }
        return n;
    }

    /** Claims older than the claim timeout belong to an instance that died: pending again. */
    public int releaseAbandonedClaims() {
        jdbc.update("DELETE FROM push_order_claim WHERE claimed_at < ?", utc(clock.instant().minus(settings.claimTimeout())));
        int n = jdbc.update("UPDATE push_inbox SET status = 'PENDING', claimed_by = NULL, claim_id = NULL, claimed_at = NULL "
                + "WHERE status = 'CLAIMED' AND claimed_at < ?", utc(clock.instant().minus(settings.claimTimeout())));
        if (n > 0) {
            LOG.warn("{} push(es) claimed more than {} ago were released for another attempt", n, settings.claimTimeout());
        }
        return n;
    }

    /** Done and ignored rows older than the keeping period go; failed rows stay for an operator. */
    public int purgeProcessed() {
        return jdbc.update("DELETE FROM push_inbox WHERE status IN ('DONE', 'IGNORED') AND received_at < ?",
                utc(clock.instant().minus(settings.keepProcessed())));
    }

    /** Rows per status, and the oldest pending push, for the API. */
    public Map<String, Object> backlog() {
        return backlog(null);
    }

    /** The same for one seller's pushes (null: every seller's). */
    public Map<String, Object> backlog(String sellerId) {
        Object[] args = sellerId == null ? new Object[0] : new Object[] {sellerId};
        String seller = sellerId == null ? "" : " AND seller_id = ?";
        Map<String, Object> m = new LinkedHashMap<>();
        for (String s : List.of("PENDING", "CLAIMED", "DONE", "FAILED", "IGNORED")) {
            m.put(s.toLowerCase(Locale.ROOT), 0L);
        }
        jdbc.query("SELECT status, COUNT(*) AS n FROM push_inbox WHERE 1 = 1" + seller + " GROUP BY status",
                rs -> {
                    m.put(rs.getString("status").toLowerCase(Locale.ROOT), rs.getLong("n"));
                }, args);
        List<OffsetDateTime> oldest = jdbc.queryForList("SELECT MIN(received_at) FROM push_inbox WHERE status = 'PENDING'" + seller,
                OffsetDateTime.class, args);
        m.put("oldestPendingAt", oldest.isEmpty() || oldest.get(0) == null ? null : oldest.get(0).toInstant());
        return m;
    }

    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String newClaimId() {
        return UUID.randomUUID().toString();
    }

    private static String cut(String s) {
        return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
