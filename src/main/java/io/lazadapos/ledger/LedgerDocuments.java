package io.lazadapos.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** What the ledger holds for orders: the snapshot applied and the state of its documents. */
public final class LedgerDocuments {

    /** One order's row and documents; null fields where a document does not exist. */
    public record OrderDocuments(String orderId, Instant lazadaUpdatedAt, String statuses, String stage, String salesOrderStatus,
            String deliveryStatus, String paymentStatus, Boolean recycled) {
    }

    private final JdbcTemplate jdbc;

    public LedgerDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, OrderDocuments> of(String sellerId, Collection<String> orderIds) {
        Map<String, OrderDocuments> found = new HashMap<>();
        if (orderIds.isEmpty()) {
            return found;
        }
        Object[] args = new Object[orderIds.size() + 1];
        args[0] = sellerId;
        int i = 1;
        for (String id : orderIds) {
            args[i++] = id;
        }
        jdbc.query("SELECT o.order_id, o.lazada_updated_at, o.lazada_statuses, o.stage, s.status AS so_status, i.delivery_status, "
                        + "i.payment_status, i.recycled FROM pos_order o "
                        + "LEFT JOIN sales_order s ON s.seller_id = o.seller_id AND s.order_id = o.order_id "
                        + "LEFT JOIN invoice i ON i.seller_id = o.seller_id AND i.order_id = o.order_id "
                        + "WHERE o.seller_id = ? AND o.order_id IN (" + String.join(",", Collections.nCopies(orderIds.size(), "?")) + ")",
                rs -> {
                    OrderDocuments d = row(rs);
                    found.put(d.orderId(), d);
                }, args);
        return found;
    }

    private static OrderDocuments row(ResultSet rs) throws SQLException {
        OffsetDateTime updated = rs.getObject("lazada_updated_at", OffsetDateTime.class);
        boolean recycled = rs.getBoolean("recycled");
        Boolean r = rs.wasNull() ? null : recycled;
        return new OrderDocuments(rs.getString("order_id"), updated == null ? null : updated.toInstant(), rs.getString("lazada_statuses"),
                rs.getString("stage"), rs.getString("so_status"), rs.getString("delivery_status"), rs.getString("payment_status"), r);
    }
}
