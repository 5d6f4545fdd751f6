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
