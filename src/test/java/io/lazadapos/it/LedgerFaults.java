package io.lazadapos.it;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the ledger refuse one order's invoice, the way a broken database constraint or a bad
 * migration would: the order's sync fails for a reason of its own and goes to the dead letters.
 */
final class LedgerFaults {

    private final JdbcTemplate jdbc;

    LedgerFaults(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void refuseInvoiceOf(String orderId) {
        if (!orderId.matches("[0-9]+")) {
            throw new IllegalArgumentException("order ids are digits");
        }
        jdbc.execute("CREATE TRIGGER refuse_invoice BEFORE INSERT ON invoice REFERENCING NEW ROW AS newrow FOR EACH ROW "
                + "WHEN (newrow.order_id = '" + orderId + "') SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'invoice refused by the ledger'");
    }

    void heal() {
        jdbc.execute("DROP TRIGGER refuse_invoice");
    }
}
