package io.lazadapos.flow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the ledger already holds for an order, read under the order's row lock. */
public record LedgerState(
        boolean known,
        Instant lazadaUpdatedAt,
        String fingerprint,
        int progress,
        String stage,
        String salesOrderStatus,
        boolean invoiceExists,
        boolean invoiceSent,
        boolean invoiceRecycled,
        Set<String> activeReturnItems,
        int restoreCount) {

    public static final LedgerState NONE = new LedgerState(false, null, null, 0, null, null, false, false, false, Set.of(), 0);

    /** From a result row of the state query; column names in any case (databases differ). */
    public static LedgerState fromRow(Map<String, Object> row) {
        return fromRows(row, List.of());
    }

    /**
     * @param row the state query's row (null: the ledger does not know the order)
     * @param activeReturns rows with the {@code order_item_id} of lines under an open or refunded return
     */
    public static LedgerState fromRows(Map<String, Object> row, List<Map<String, Object>> activeReturns) {
        Set<String> returned = new TreeSet<>();
        if (activeReturns != null) {
            for (Map<String, Object> r : activeReturns) {
                Map<String, Object> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                ci.putAll(r);
                returned.add(String.valueOf(ci.get("order_item_id")));
            }
        }
        if (row == null || row.isEmpty()) {
            return returned.isEmpty() ? NONE : new LedgerState(false, null, null, 0, null, null, false, false, false, Set.copyOf(returned), 0);
        }
        Map<String, Object> r = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.putAll(row);
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
                Boolean.TRUE.equals(r.get("recycled")),
                Set.copyOf(returned),
                r.get("restore_count") instanceof Number n2 ? n2.intValue() : 0);
    }
}
