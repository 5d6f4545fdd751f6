package io.lazadapos.console;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.api.ApiProblem;

/**
 * Finds the order an operator's action is about and takes its row lock, the same lock the
 * order sync takes, so an action and a sync of the same order take turns. Call inside a
 * transaction.
 */
final class OrderLock {

    private final JdbcTemplate jdbc;
    private final String defaultSeller;

    OrderLock(JdbcTemplate jdbc, String defaultSeller) {
        this.jdbc = jdbc;
        this.defaultSeller = defaultSeller;
    }

    /** The seller of the order (the given one, or the only or default seller holding the id), row-locked. */
    String lock(String orderId, String sellerId) {
        String seller = sellerOf(orderId, sellerId);
        jdbc.update("UPDATE order_lock SET lock_seq = lock_seq + 1 WHERE seller_id = ? AND order_id = ?", seller, orderId);
        return seller;
    }

    String sellerOf(String orderId, String sellerId) {
        if (orderId == null || orderId.isBlank()) {
            throw ApiProblem.badRequest("an order id is required");
        }
        List<String> sellers = sellerId == null || sellerId.isBlank()
                ? jdbc.queryForList("SELECT seller_id FROM pos_order WHERE order_id = ? ORDER BY seller_id", String.class, orderId)
                : jdbc.queryForList("SELECT seller_id FROM pos_order WHERE order_id = ? AND seller_id = ?", String.class, orderId, sellerId);
        if (sellers.isEmpty()) {
            throw ApiProblem.notFound("no such order: " + Paging.shorten(orderId));
        }
        return sellers.contains(defaultSeller) ? defaultSeller : sellers.get(0);
    }

    String defaultSeller() {
        return defaultSeller;
    }
}
