package io.lazadapos.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which orders the ledger already holds, and at which Lazada {@code updated_at}: lets the poll
 * skip fetching items of orders whose snapshot is already applied.
 */
public final class LedgerIndex {

    /** The applied snapshot's update time and its distinct item statuses. */
    public record Applied(Instant lazadaUpdatedAt, String statuses) {
    }

    private final JdbcTemplate jdbc;

    public LedgerIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The orders among these whose every item has, in the ledger's lines, the status given here
     * (same items, same statuses): a push about one of them has nothing new to apply.
     * itemStatuses: order id to (order item id to item status).
     */
    public java.util.Set<String> sameItemStatuses(String sellerId, Map<String, Map<String, String>> itemStatuses) {
        java.util.Set<String> same = new java.util.HashSet<>();
        if (itemStatuses.isEmpty()) {
            return same;
        }
        Map<String, Map<String, String>> held = new HashMap<>();
        String marks = String.join(",", java.util.Collections.nCopies(itemStatuses.size(), "?"));
        // Lines of held (UNMAPPED) orders are not stored: such an order never looks unchanged here.
        jdbc.query("SELECT l.seller_id, l.order_id, l.order_item_id, l.status FROM order_line l "
                        + "JOIN pos_order o ON o.order_id = l.order_id AND o.seller_id = l.seller_id AND o.stage <> 'UNMAPPED' "
                        + "WHERE l.order_id IN (" + marks + ")",
                rs -> {
                    if (sellerId.equals(rs.getString(1))) {
                        held.computeIfAbsent(rs.getString(2), k -> new HashMap<>()).put(rs.getString(3), rs.getString(4));
                    }
                }, itemStatuses.keySet().toArray());
        itemStatuses.forEach((orderId, items) -> {
            if (!items.isEmpty() && items.equals(held.get(orderId))) {
                same.add(orderId);
            }
        });
        return same;
    }

    /**
     * The newest Lazada {@code updated_at} applied for this seller (null when none): a page whose
     * every order is newer than it has nothing applied yet, and needs no look-up by id. One probe
     * of the (seller, updated_at) index, from its end.
     */
    public Instant newestApplied(String sellerId) {
        java.util.List<OffsetDateTime> newest = jdbc.query(
                "SELECT lazada_updated_at FROM pos_order WHERE seller_id = ? ORDER BY seller_id DESC, lazada_updated_at DESC LIMIT 1",
                (rs, n) -> rs.getObject(1, OffsetDateTime.class), sellerId);
        return newest.isEmpty() ? null : newest.get(0).toInstant();
    }

    public Map<String, Applied> applied(String sellerId, Collection<String> orderIds) {
        Map<String, Applied> result = new HashMap<>();
        if (orderIds.isEmpty()) {
            return result;
        }
        String marks = String.join(",", java.util.Collections.nCopies(orderIds.size(), "?"));
        // By order id alone: the database probes the key for each id (a seller condition here would
        // make it walk all of the seller's orders); another seller's order with the same id is skipped.
        jdbc.query("SELECT seller_id, order_id, lazada_updated_at, lazada_statuses FROM pos_order WHERE order_id IN (" + marks + ")",
                rs -> {
                    if (sellerId.equals(rs.getString(1))) {
                        result.put(rs.getString(2), new Applied(rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)));
                    }
                }, orderIds.toArray());
        return result;
    }
}
