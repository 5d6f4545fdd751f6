package io.lazadapos.console;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.lazadapos.api.ApiJson;
import io.lazadapos.api.ApiProblem;
import io.lazadapos.observe.OrderLogContext;

/**
 * Orders that need a person (returns, amounts that do not add up, cancels after sending, ...):
 * the open reviews, oldest due first, and their resolution with a note that stays in the ledger.
 */
public final class ReviewQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewQueue.class);
    static final int MAX_NOTE = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OrderLock orders;
    private final OperatorEvents events;
    private final Clock clock;

    ReviewQueue(JdbcTemplate jdbc, TransactionTemplate transaction, OrderLock orders, OperatorEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    /** Open reviews (open=true, the default), due first; or resolved ones (open=false), latest first. */
    public Map<String, Object> list(String open, String sellerId, String limit, String offset) {
        boolean openOnes = flag("open", open, true);
        Paging page = Paging.of(limit, offset, 100);
        List<Object> args = new ArrayList<>();
        String where = openOnes ? " WHERE r.resolved_at IS NULL" : " WHERE r.resolved_at IS NOT NULL";
        if (sellerId != null && !sellerId.isBlank()) {
            where += " AND r.seller_id = ?";
            args.add(sellerId);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM review r" + where, Long.class, args.toArray());
        args.add(page.limit());
        args.add(page.offset());
        String order = openOnes
                ? " ORDER BY CASE WHEN r.due_at IS NULL THEN 1 ELSE 0 END, r.due_at, r.opened_at, r.order_id, r.reason"
                : " ORDER BY r.resolved_at DESC, r.order_id, r.reason";
        List<Map<String, Object>> reviews = jdbc.query(
                "SELECT r.seller_id, r.order_id, o.order_number, o.tab, r.reason, r.detail, r.due_at, r.opened_at, r.resolved_at, r.note "
                        + "FROM review r JOIN pos_order o ON o.seller_id = r.seller_id AND o.order_id = r.order_id" + where + order
                        + " LIMIT ? OFFSET ?",
                (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sellerId", rs.getString("seller_id"));
                    m.put("orderId", rs.getString("order_id"));
                    m.put("orderNumber", rs.getString("order_number"));
                    m.put("tab", rs.getString("tab"));
                    m.put("reason", rs.getString("reason"));
                    m.put("detail", rs.getString("detail"));
                    m.put("dueAt", Rows.instant(rs, "due_at"));
                    m.put("openedAt", Rows.instant(rs, "opened_at"));
                    if (!openOnes) {
                        m.put("resolvedAt", Rows.instant(rs, "resolved_at"));
                        m.put("note", rs.getString("note"));
                    }
                    return m;
                }, args.toArray());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("open", openOnes);
        answer.put("total", total == null ? 0 : total);
        answer.put("reviews", reviews);
        return answer;
    }

    /** Closes every open review of the order; one RESOLVE_REVIEW event per reason keeps the note. */
    public Map<String, Object> resolve(String orderId, String sellerId, String body) {
        String note = note(body);
        return transaction.execute(tx -> {
            String seller = orders.lock(orderId, sellerId);
            try (OrderLogContext.Scope log = OrderLogContext.open(seller, orderId)) {
                List<String> reasons = jdbc.queryForList(
                        "SELECT reason FROM review WHERE seller_id = ? AND order_id = ? AND resolved_at IS NULL ORDER BY reason",
                        String.class, seller, orderId);
                if (reasons.isEmpty()) {
                    throw ApiProblem.conflict("order " + orderId + " has no open review");
                }
                OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                jdbc.update("UPDATE review SET resolved_at = ?, note = ? WHERE seller_id = ? AND order_id = ? AND resolved_at IS NULL",
                        now, note, seller, orderId);
                // A review is never reopened for the same reason, so the reason is a subject of its own.
                for (String reason : reasons) {
                    events.record(seller, orderId, "RESOLVE_REVIEW", reason, now, note);
                }
                LOG.info("reviews resolved: {}", reasons);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("sellerId", seller);
                m.put("orderId", orderId);
                m.put("resolved", reasons);
                m.put("resolvedAt", now.toInstant().toString());
                m.put("note", note);
                return m;
            }
        });
    }

    /** The note of a resolution: {@code {"note": "..."}}, required, at most 2000 characters. */
    static String note(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("send a JSON body {\"note\": \"what was done\"}");
        }
        JsonNode json;
        try {
            json = ApiJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body is not JSON; send {\"note\": \"what was done\"}");
        }
        JsonNode note = json == null ? null : json.get("note");
        if (note == null || !note.isTextual() || note.asText().isBlank()) {
            throw ApiProblem.badRequest("\"note\" is required: say what was done about the order");
        }
        String text = note.asText().strip();
        if (text.length() > MAX_NOTE) {
            throw ApiProblem.badRequest("\"note\" is longer than " + MAX_NOTE + " characters");
        }
        return text;
    }

    static boolean flag(String name, String text, boolean whenMissing) {
        if (text == null || text.isBlank()) {
            return whenMissing;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw ApiProblem.badRequest(name + " must be true or false");
        }
    }
}
