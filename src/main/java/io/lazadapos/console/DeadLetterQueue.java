package io.lazadapos.console;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.api.ApiJson;
import io.lazadapos.api.ApiProblem;

/**
 * The operator's view of the dead-letter table: what failed, and the replay of an order's dead
 * letter. A replay fetches the order fresh from Lazada (route fetch-and-sync-order): the stored
 * payload may be stale, and applying it could undo a newer state.
 */
public final class DeadLetterQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);

    /** A dead letter about to be replayed. */
    public record Replay(long id, String sellerId, String orderId) {
    }

    private final JdbcTemplate jdbc;
    private final OrderRefetch refetch;
    private final String defaultSeller;
    private final Clock clock;

    DeadLetterQueue(JdbcTemplate jdbc, OrderRefetch refetch, String defaultSeller, Clock clock) {
        this.jdbc = jdbc;
        this.refetch = refetch;
        this.defaultSeller = defaultSeller;
        this.clock = clock;
    }

    /** Replays a dead letter: the order fetched fresh from Lazada and synced (source "replay"). */
    public Map<String, Object> replay(String idText) {
        Replay replay = forReplay(idText);
        OrderRefetch.Outcome outcome = refetch.refetch(replay.sellerId(), replay.orderId(), "replay");
        Map<String, Object> answer = replayed(replay, outcome.deadLetterId());
        answer.put("outcome", outcome.name());
        return answer;
    }

    /** Dead letters, newest first; open ones only with replayed=false, replayed ones with replayed=true. */
    public Map<String, Object> list(String replayed, String limit, String offset) {
        return list(replayed, null, limit, offset);
    }

    /** The same, of one seller when {@code sellerId} is given. */
    public Map<String, Object> list(String replayed, String sellerId, String limit, String offset) {
        Paging page = Paging.of(limit, offset, 50);
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (replayed != null && !replayed.isBlank()) {
            conditions.add(ReviewQueue.flag("replayed", replayed, false) ? "replayed_at IS NOT NULL" : "replayed_at IS NULL");
        }
        boolean bySeller = sellerId != null && !sellerId.isBlank();
        if (bySeller) {
            conditions.add("seller_id = ?");
            args.add(sellerId.trim());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter" + where, Long.class, args.toArray());
        args.add(page.limit());
        args.add(page.offset());
        List<Map<String, Object>> letters = jdbc.query(
                "SELECT id, seller_id, order_id, source, error_class, error_message, created_at, replayed_at, "
                        + "CASE WHEN payload IS NULL THEN 0 ELSE 1 END AS has_payload FROM dead_letter" + where
                        + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("sellerId", rs.getString("seller_id"));
                    m.put("orderId", rs.getString("order_id"));
                    m.put("source", rs.getString("source"));
                    m.put("errorClass", rs.getString("error_class"));
                    m.put("errorMessage", ApiJson.withoutSecrets(rs.getString("error_message")));
                    m.put("createdAt", Rows.instant(rs, "created_at"));
                    m.put("replayedAt", Rows.instant(rs, "replayed_at"));
                    m.put("replayable", rs.getString("order_id") != null);
                    m.put("hasPayload", rs.getInt("has_payload") == 1);
                    return m;
                }, args.toArray());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", total == null ? 0 : total);
        answer.put("open", bySeller ? openCount(sellerId.trim()) : openCount());
        answer.put("deadLetters", letters);
        return answer;
    }

    public long openCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL", Long.class);
        return n == null ? 0 : n;
    }

    public long openCount(String sellerId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL AND seller_id = ?", Long.class, sellerId);
        return n == null ? 0 : n;
    }

    /** The order a dead letter is about: 404 when there is no such dead letter, 409 when it names no order. */
    public Replay forReplay(String idText) {
        long id = Paging.id("dead letter id", idText);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT seller_id, order_id, error_class FROM dead_letter WHERE id = ?", id);
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("no such dead letter: " + id);
        }
        Map<String, Object> row = Rows.caseless(rows.get(0));
        String orderId = (String) row.get("order_id");
        if (orderId == null || orderId.isBlank()) {
            throw ApiProblem.conflict("dead letter " + id + " (" + row.get("error_class")
                    + ") names no order, so there is nothing to fetch again; the next poll re-reads its time window");
        }
        String seller = (String) row.get("seller_id");
        return new Replay(id, seller == null || seller.isBlank() ? defaultSeller : seller, orderId);
    }

    /**
     * After the fresh fetch went through the order sync: marks the dead letter replayed, or, when
     * the order failed again (a new dead letter), answers 502 and leaves this one open.
     */
    public Map<String, Object> replayed(Replay replay, Long newDeadLetterId) {
        if (newDeadLetterId != null) {
            LOG.warn("replay of dead letter {} failed again: see dead letter {}", replay.id(), newDeadLetterId);
            throw new ApiProblem(502, "replay_failed", "order " + replay.orderId() + " failed again and was recorded as dead letter "
                    + newDeadLetterId + "; dead letter " + replay.id() + " stays open");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.update("UPDATE dead_letter SET replayed_at = ? WHERE id = ?", now, replay.id());
        LOG.info("dead letter {} replayed from a fresh fetch of the order", replay.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", replay.id());
        m.put("sellerId", replay.sellerId());
        m.put("orderId", replay.orderId());
        m.put("replayedAt", now.toInstant().toString());
        m.putAll(OrderPosition.of(jdbc, replay.sellerId(), replay.orderId()));
        return m;
    }
}
