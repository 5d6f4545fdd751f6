package io.lazadapos.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The row locks of a batch's orders (table order_lock), taken inside the batch's transaction so
 * that two sources applying the same order (a poll and a push, two instances) take turns.
 *
 * <p>An order seen for the first time gets its lock row inserted, and an uncommitted row is already
 * locked: a second transaction inserting it waits for the first (HSQLDB then finds the row and
 * inserts nothing; PostgreSQL refuses it as a duplicate key, and the caller applies the batch once
 * more). Only orders whose row existed are locked by an update, a real change, so that every
 * database takes the row lock. Before, every order's row was created outside the transaction and
 * then updated inside it: on HSQLDB an update writes a new row version, and for the orders of a
 * backfill that was as much work again as their lock rows.
 */
public final class OrderLocks {

    private final JdbcTemplate jdbc;

    public OrderLocks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** keys: the batch's orders ({@code sellerId}, {@code orderId}), sorted, so batches never deadlock. */
    public void take(List<Map<String, Object>> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<Object[]> rows = keys.stream().map(k -> new Object[] {k.get("sellerId"), k.get("orderId"), k.get("sellerId"), k.get("orderId")}).toList();
        int[] inserted = jdbc.batchUpdate("INSERT INTO order_lock (seller_id, order_id) "
                + "SELECT CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)) FROM (VALUES (0)) AS one (x) "
                + "WHERE NOT EXISTS (SELECT 1 FROM order_lock WHERE seller_id = ? AND order_id = ?)", rows);
        List<Object[]> existing = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            // A driver that does not count batch rows (SUCCESS_NO_INFO) gets the update too: a lock twice is still one lock.
            if (i >= inserted.length || inserted[i] != 1) {
                existing.add(new Object[] {keys.get(i).get("sellerId"), keys.get(i).get("orderId")});
            }
        }
        if (!existing.isEmpty()) {
            jdbc.batchUpdate("UPDATE order_lock SET lock_seq = lock_seq + 1 WHERE seller_id = ? AND order_id = ?", existing);
        }
    }
}
