package io.lazadapos.flow;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the ledger already holds for an order, read under the order's row lock: enough for the
 * planner to know which POS steps change the order in this transaction (each step's guarded SQL
 * would change exactly those).
 *
 * @param lines the order's ledger lines by item id (read for known orders only)
 * @param reviews the reasons of the order's reviews, open ({@code true}) or resolved ({@code false})
 */
public record LedgerState(
        boolean known,
        Instant lazadaUpdatedAt,
        String fingerprint,
        int progress,
        String stage,
        String salesOrderStatus,
        boolean invoiceExists,
        boolean invoiceSent,
        boolean invoicePaid,
        boolean invoiceRecycled,
        Set<String> activeReturnItems,
        int restoreCount,
        Map<String, Line> lines,
        Map<String, Boolean> reviews) {

    /** A line as the ledger holds it. */
    public record Line(String status, boolean removed, BigDecimal amount, BigDecimal shippingAmount) {
    }

    public static final LedgerState NONE = new LedgerState(false, null, null, 0, null, null, false, false, false, false, Set.of(), 0,
            Map.of(), Map.of());

    /** From a result row of the state query; column names in any case (databases differ). */
    public static LedgerState fromRow(Map<String, Object> row) {
        return fromRows(row, List.of(), List.of(), List.of());
    }

    public static LedgerState fromRows(Map<String, Object> row, List<Map<String, Object>> activeReturns) {
        return fromRows(row, activeReturns, List.of(), List.of());
    }

    /**
     * @param row the state query's row (null: the ledger does not know the order)
     * @param activeReturns rows with the {@code order_item_id} of lines under an open or refunded return
     * @param lineRows the order's {@code order_line} rows ({@code order_item_id, status, removed, amount, shipping_amount})
     * @param reviewRows the order's {@code review} rows ({@code reason, resolved_at})
     */
    public static LedgerState fromRows(Map<String, Object> row, List<Map<String, Object>> activeReturns,
            List<Map<String, Object>> lineRows, List<Map<String, Object>> reviewRows) {
        Set<String> returned = new TreeSet<>();
        if (activeReturns != null) {
            for (Map<String, Object> r : activeReturns) {
                returned.add(String.valueOf(caseless(r).get("order_item_id")));
            }
        }
        if (row == null || row.isEmpty()) {
            return returned.isEmpty() ? NONE
                    : new LedgerState(false, null, null, 0, null, null, false, false, false, false, Set.copyOf(returned), 0, Map.of(), Map.of());
        }
        Map<String, Line> lines = new LinkedHashMap<>();
        if (lineRows != null) {
            for (Map<String, Object> l : lineRows) {
                Map<String, Object> c = caseless(l);
                lines.put(String.valueOf(c.get("order_item_id")), new Line((String) c.get("status"), Boolean.TRUE.equals(c.get("removed")),
                        (BigDecimal) c.get("amount"), (BigDecimal) c.get("shipping_amount")));
            }
        }
        Map<String, Boolean> reviews = new LinkedHashMap<>();
        if (reviewRows != null) {
            for (Map<String, Object> v : reviewRows) {
                Map<String, Object> c = caseless(v);
                reviews.put((String) c.get("reason"), c.get("resolved_at") == null);
            }
        }
        Map<String, Object> r = caseless(row);
        Object updated = r.get("lazada_updated_at");
        Instant updatedAt = updated instanceof OffsetDateTime o ? o.toInstant()
                : updated instanceof java.sql.Timestamp t ? t.toInstant()
                : updated instanceof Instant i ? i : null;
        return new LedgerState(
                updatedAt != null,
                updatedAt,
                (String) r.get("fingerprint"),
                r.get("progress") instanceof Number n ? n.intValue() : 0,
                (String) r.get("stage"),
                (String) r.get("so_status"),
                r.get("delivery_status") != null,
                "SENT".equals(r.get("delivery_status")),
                "PAID".equals(r.get("payment_status")),
                Boolean.TRUE.equals(r.get("recycled")),
                Set.copyOf(returned),
                r.get("restore_count") instanceof Number n2 ? n2.intValue() : 0,
                Map.copyOf(lines),
                Map.copyOf(reviews));
    }

    private static Map<String, Object> caseless(Map<String, Object> row) {
        Map<String, Object> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(row);
        return ci;
    }
}
