package io.lazadapos.console;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.observe.SyncMetrics;

/** Ledger events that an operator's action writes (source "operator"), beside those of the sync. */
final class OperatorEvents {

    static final String SOURCE = "operator";

    private final JdbcTemplate jdbc;
    private final SyncMetrics metrics;

    OperatorEvents(JdbcTemplate jdbc, SyncMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    void record(String sellerId, String orderId, String type, String subject, OffsetDateTime at, String note) {
        jdbc.update("INSERT INTO ledger_event (seller_id, order_id, type, subject, occurred_at, source, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                sellerId, orderId, type, subject == null ? "" : subject, at, SOURCE, note);
        metrics.ledgerEventWritten(type);
    }
}
