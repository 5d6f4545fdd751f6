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
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.lazadapos.api.ApiProblem;
import io.lazadapos.observe.OrderLogContext;

/**
 * The recycle bin: cancelled and undelivered invoices, kept with their reason, and restored
 * from here by an operator.
 *
 * <p>Every recycle/restore cycle of an invoice has a number (1 + {@code restore_count} at the
 * time of recycling): the first cycle's RECYCLE_INVOICE and RESTORE_INVOICE events have the bare
 * reason as subject (as the sync has always written them), later cycles {@code REASON#n}. So a
 * restored invoice that a newer Lazada change cancels again gets a RECYCLE_INVOICE of its own
 * instead of colliding with the first one under the ledger's unique key.
 */
public final class RecycleBin {

    private static final Logger LOG = LoggerFactory.getLogger(RecycleBin.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OrderLock orders;
    private final OperatorEvents events;
    private final Clock clock;

    RecycleBin(JdbcTemplate jdbc, TransactionTemplate transaction, OrderLock orders, OperatorEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    /** The subject of the ledger event of a recycle or restore in cycle {@code 1 + restoresBefore}. */
    public static String cycleSubject(String reason, Integer restoresBefore) {
        int cycle = 1 + (restoresBefore == null ? 0 : restoresBefore);
        return cycle == 1 ? reason : reason + "#" + cycle;
    }

    /** Invoices in the recycle bin, most recently recycled first. */
    public Map<String, Object> list(String sellerId, String limit, String offset) {
        Paging page = Paging.of(limit, offset, 50);
        List<Object> args = new ArrayList<>();
        String where = " WHERE i.recycled = TRUE";
        if (sellerId != null && !sellerId.isBlank()) {
            where += " AND i.seller_id = ?";
            args.add(sellerId);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM invoice i" + where, Long.class, args.toArray());
        args.add(page.limit());
        args.add(page.offset());
        List<Map<String, Object>> invoices = jdbc.query(
                "SELECT i.seller_id, i.order_id, o.order_number, o.stage, i.number, i.recycle_reason, i.recycled_at, i.currency, i.total, "
                        + "i.payment_status, i.delivery_status, i.restore_count "
                        + "FROM invoice i JOIN pos_order o ON o.seller_id = i.seller_id AND o.order_id = i.order_id" + where
                        + " ORDER BY i.recycled_at DESC, i.order_id LIMIT ? OFFSET ?",
                (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sellerId", rs.getString("seller_id"));
                    m.put("orderId", rs.getString("order_id"));
                    m.put("orderNumber", rs.getString("order_number"));
                    m.put("stage", rs.getString("stage"));
                    m.put("invoiceNumber", rs.getString("number"));
                    m.put("reason", rs.getString("recycle_reason"));
                    m.put("recycledAt", Rows.instant(rs, "recycled_at"));
                    m.put("currency", rs.getString("currency"));
                    m.put("total", Rows.money(rs.getBigDecimal("total")));
                    m.put("paymentStatus", rs.getString("payment_status"));
                    m.put("deliveryStatus", rs.getString("delivery_status"));
                    m.put("timesRestored", rs.getInt("restore_count"));
                    return m;
                }, args.toArray());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", total == null ? 0 : total);
        answer.put("invoices", invoices);
        return answer;
    }

    /**
     * Takes the order's invoice out of the recycle bin and records RESTORE_INVOICE. The order
     * stays in the tab Lazada's status gives it; later Lazada changes go on applying to the
     * invoice (see pos-recycle-invoice for when it is recycled again).
     */
    public Map<String, Object> restore(String orderId, String sellerId) {
        Map<String, Object> restored = transaction.execute(tx -> {
            String seller = orders.lock(orderId, sellerId);
            try (OrderLogContext.Scope log = OrderLogContext.open(seller, orderId)) {
                List<Map<String, Object>> rows = jdbc.queryForList(
                        "SELECT recycled, recycle_reason, restore_count FROM invoice WHERE seller_id = ? AND order_id = ?", seller, orderId);
                if (rows.isEmpty()) {
                    throw ApiProblem.conflict("order " + orderId + " has no invoice");
                }
                Map<String, Object> invoice = Rows.caseless(rows.get(0));
                if (!Boolean.TRUE.equals(invoice.get("recycled"))) {
                    throw ApiProblem.conflict("the invoice of order " + orderId + " is not in the recycle bin");
                }
                String reason = (String) invoice.get("recycle_reason");
                int cycle = ((Number) invoice.get("restore_count")).intValue() + 1;
                OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                jdbc.update("UPDATE invoice SET recycled = FALSE, recycle_reason = NULL, recycled_at = NULL, restored_at = ?, "
                        + "restore_count = restore_count + 1 WHERE seller_id = ? AND order_id = ? AND recycled = TRUE", now, seller, orderId);
                events.record(seller, orderId, "RESTORE_INVOICE", cycleSubject(reason, cycle - 1), now, null);
                LOG.info("invoice restored from the recycle bin (was {}, cycle {})", reason, cycle);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("sellerId", seller);
                m.put("orderId", orderId);
                m.put("restoredAt", now.toInstant().toString());
                m.put("reason", reason);
                return m;
            }
        });
        return restored;
    }
}
