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
        failInvoiceOf(orderId, "45000", "invoice refused by the ledger");
    }

    /** As if the connection broke while this order's invoice was written (SQLSTATE class 08). */
    void loseConnectionAtInvoiceOf(String orderId) {
        failInvoiceOf(orderId, "08006", "connection lost");
    }

    private void failInvoiceOf(String orderId, String sqlState, String message) {
        if (!orderId.matches("[0-9]+")) {
            throw new IllegalArgumentException("order ids are digits");
        }
        if (TestDatabase.postgres()) {
            // PostgreSQL's triggers call a function; it raises the same SQLSTATE.
            jdbc.execute("CREATE FUNCTION refuse_invoice() RETURNS trigger LANGUAGE plpgsql AS "
                    + "'BEGIN RAISE EXCEPTION USING ERRCODE = ''" + sqlState + "'', MESSAGE = ''" + message + "''; END'");
            jdbc.execute("CREATE TRIGGER refuse_invoice BEFORE INSERT ON invoice FOR EACH ROW "
                    + "WHEN (NEW.order_id = '" + orderId + "') EXECUTE FUNCTION refuse_invoice()");
            return;
        }
        jdbc.execute("CREATE TRIGGER refuse_invoice BEFORE INSERT ON invoice REFERENCING NEW ROW AS newrow FOR EACH ROW "
                + "WHEN (newrow.order_id = '" + orderId + "') SIGNAL SQLSTATE '" + sqlState + "' SET MESSAGE_TEXT = '" + message + "'");
    }

    void heal() {
        if (TestDatabase.postgres()) {
            jdbc.execute("DROP TRIGGER refuse_invoice ON invoice");
            jdbc.execute("DROP FUNCTION refuse_invoice()");
            return;
        }
        jdbc.execute("DROP TRIGGER refuse_invoice");
    }
}
