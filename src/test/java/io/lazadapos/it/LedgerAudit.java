package io.lazadapos.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of a whole ledger after a run that was meant to break it (crashes, instances killed):
 * no second invoice, no ledger event twice, no dead letter, and every document state backed by
 * exactly its events.
 */
final class LedgerAudit {

    private LedgerAudit() {
    }

    /** Rows of a document table whose state ({@code condition}) and count of {@code event} events differ. */
    private static String matching(String table, String condition, String event) {
        return "SELECT COUNT(*) FROM " + table + " d WHERE CASE WHEN d." + condition
                + " THEN 1 ELSE 0 END <> (SELECT COUNT(*) FROM ledger_event e WHERE e.seller_id = d.seller_id AND e.order_id = d.order_id "
                + "AND e.type = '" + event + "')";
    }

    /** What the ledger holds, read from its database: nothing twice, nothing half-applied, {@code orders} orders. */
    static void assertConsistent(Connection c, int orders) throws Exception {
        try (Statement s = c.createStatement()) {
            Map<String, String> zeroes = new LinkedHashMap<>();
            zeroes.put("dead letters", "SELECT COUNT(*) FROM dead_letter");
            zeroes.put("second invoices", "SELECT COUNT(*) FROM (SELECT seller_id, order_id FROM invoice GROUP BY seller_id, order_id HAVING COUNT(*) > 1) d");
            zeroes.put("ledger events twice", "SELECT COUNT(*) FROM (SELECT seller_id, order_id, type, subject FROM ledger_event "
                    + "GROUP BY seller_id, order_id, type, subject HAVING COUNT(*) > 1) d");
            // Each document state is backed by exactly one event of its kind, and each event by its document state.
            zeroes.put("invoices not created by exactly one event", "SELECT COUNT(*) FROM invoice i WHERE 1 <> (SELECT COUNT(*) FROM ledger_event e "
                    + "WHERE e.seller_id = i.seller_id AND e.order_id = i.order_id AND e.type IN ('CREATE_INVOICE', 'CONVERT_TO_INVOICE'))");
            zeroes.put("invoice events without an invoice", "SELECT COUNT(*) FROM ledger_event e WHERE e.type IN ('CREATE_INVOICE', "
                    + "'CONVERT_TO_INVOICE', 'MARK_SENT', 'ADD_PAYMENT', 'RECYCLE_INVOICE') AND NOT EXISTS (SELECT 1 FROM invoice i "
                    + "WHERE i.seller_id = e.seller_id AND i.order_id = e.order_id)");
            zeroes.put("sent invoices and MARK_SENT events that disagree", matching("invoice", "delivery_status = 'SENT'", "MARK_SENT"));
            zeroes.put("paid invoices and ADD_PAYMENT events that disagree", matching("invoice", "payment_status = 'PAID'", "ADD_PAYMENT"));
            zeroes.put("recycled invoices and RECYCLE_INVOICE events that disagree", matching("invoice", "recycled = TRUE", "RECYCLE_INVOICE"));
            zeroes.put("sales orders not created by exactly one event", matching("sales_order", "seller_id IS NOT NULL", "CREATE_SALES_ORDER"));
            zeroes.put("void sales orders and VOID_SALES_ORDER events that disagree", matching("sales_order", "status = 'VOID'", "VOID_SALES_ORDER"));
            zeroes.put("removed lines and REMOVE_LINE events that disagree", "SELECT COUNT(*) FROM order_line l WHERE "
                    + "CASE WHEN l.removed = TRUE THEN 1 ELSE 0 END <> (SELECT COUNT(*) FROM ledger_event e WHERE e.seller_id = l.seller_id "
                    + "AND e.order_id = l.order_id AND e.type = 'REMOVE_LINE' AND e.subject = l.order_item_id)");
            zeroes.put("reviews without OPEN_REVIEW", "SELECT COUNT(*) FROM review r WHERE NOT EXISTS (SELECT 1 FROM ledger_event e "
                    + "WHERE e.seller_id = r.seller_id AND e.order_id = r.order_id AND e.type = 'OPEN_REVIEW' AND e.subject = r.reason)");
            zeroes.put("invoice totals that are not the sum of their lines", "SELECT COUNT(*) FROM invoice i WHERE i.recycled = FALSE AND i.total <> "
                    + "(SELECT COALESCE(SUM(l.amount + l.shipping_amount), 0) FROM order_line l WHERE l.seller_id = i.seller_id "
                    + "AND l.order_id = i.order_id AND l.removed = FALSE)");
            for (Map.Entry<String, String> check : zeroes.entrySet()) {
                try (ResultSet rs = s.executeQuery(check.getValue())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(check.getKey()).isZero();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pos_order")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(orders);
            }
        }
    }
}
