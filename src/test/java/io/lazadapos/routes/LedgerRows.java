package io.lazadapos.routes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

/** Ledger rows a route test starts from. */
final class LedgerRows {

    private LedgerRows() {
    }

    /** A paid order whose invoice is unpaid and unsent (stage PAID). */
    static void unsentInvoice(JdbcTemplate jdbc, String sellerId, String orderId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO pos_order (seller_id, order_id, order_number, stage, tab, lazada_statuses, lazada_updated_at, fingerprint, "
                + "progress, created_at, business_date, currency, price, voucher, shipping_fee, first_seen_at, synced_at, last_source) "
                + "VALUES (?, ?, ?, 'PAID', 'NEW_ORDER', 'pending', ?, 'f', 2, ?, ?, 'IDR', 100.00, 0, 0, ?, ?, 'poll')",
                sellerId, orderId, "N" + orderId, now, now, LocalDate.now(), now, now);
        jdbc.update("INSERT INTO invoice (seller_id, order_id, number, payment_status, delivery_status, recycled, currency, lines_total, "
                + "shipping, total, business_date, created_at) VALUES (?, ?, ?, 'UNPAID', 'UNSENT', FALSE, 'IDR', 100.00, 0, 100.00, ?, ?)",
                sellerId, orderId, "INV-N" + orderId, LocalDate.now(), now);
    }

    /** A paid order (stage PAID) with one line of 100.00 + 5.00 shipping and no document yet. */
    static void paidOrderWithoutInvoice(JdbcTemplate jdbc, String sellerId, String orderId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO pos_order (seller_id, order_id, order_number, stage, tab, lazada_statuses, lazada_updated_at, fingerprint, "
                + "progress, created_at, business_date, currency, price, voucher, shipping_fee, first_seen_at, synced_at, last_source) "
                + "VALUES (?, ?, ?, 'PAID', 'NEW_ORDER', 'pending', ?, 'f', 2, ?, ?, 'IDR', 100.00, 0, 5.00, ?, ?, 'poll')",
                sellerId, orderId, "N" + orderId, now, now, LocalDate.now(), now, now);
        jdbc.update("INSERT INTO order_line (seller_id, order_id, order_item_id, sku, name, amount, shipping_amount, status) "
                + "VALUES (?, ?, ?, 'SKU', 'Thing', 100.00, 5.00, 'pending')", sellerId, orderId, orderId + "-1");
    }
}
