package io.lazadapos.routes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pos-create-invoice (routes/pos-ledger.camel.yaml) with its real SQL: a new order's invoice by the
 * plain insert, a known order's by the guarded statement, both in one run of the route; a step
 * appended to the route (the README's edit: every new invoice into the integrator's own table)
 * runs after the route's SQL with both orders, once.
 */
class CreateInvoiceRouteTest extends RouteFileTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("pos-ledger.camel.yaml");
    }

    /** What the router sends pos-create-invoice for an order (its map as the planner makes it). */
    private static Map<String, Object> invoiceOf(String orderId, boolean newOrder) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> m = new HashMap<>();
        m.put("sellerId", "seller-1");
        m.put("orderId", orderId);
        m.put("orderNumber", "N" + orderId);
        m.put("stage", "PAID");
        m.put("source", "poll");
        m.put("newOrder", newOrder);
        m.put("now", now);
        m.put("lazadaUpdatedAt", now);
        m.put("invoiceNumber", "INV-N" + orderId);
        m.put("convertedFrom", null);
        m.put("paymentStatus", "UNPAID");
        m.put("deliveryStatus", "UNSENT");
        m.put("currency", "IDR");
        m.put("linesTotal", new BigDecimal("100.00"));
        m.put("shipping", new BigDecimal("5.00"));
        m.put("total", new BigDecimal("105.00"));
        m.put("businessDate", LocalDate.now());
        m.put("eventType", "CREATE_INVOICE");
        return m;
    }

    @Test
    void newAndKnownOrdersGetTheirInvoiceAndAnAppendedStepSeesBothAfterTheSql() throws Exception {
        jdbc.execute("CREATE TABLE shop_invoice_feed (seller_id VARCHAR(64), order_id VARCHAR(64), invoice_number VARCHAR(80), "
                + "total DECIMAL(18,2), source VARCHAR(16))");
        advise("pos-create-invoice", route -> {
            route.weaveAddLast().to("sql:INSERT INTO shop_invoice_feed (seller_id, order_id, invoice_number, total, source) "
                    + "SELECT i.seller_id, i.order_id, i.number, i.total, CAST(:#source AS VARCHAR(16)) FROM invoice i "
                    + "WHERE i.seller_id = :#sellerId AND i.order_id = :#orderId?batch=true");
            route.weaveAddLast().to("mock:after-create-invoice");
        });
        startRoutes();
        LedgerRows.paidOrderWithoutInvoice(jdbc, "seller-1", "2001"); // the planner found it known
        LedgerRows.paidOrderWithoutInvoice(jdbc, "seller-1", "2002"); // inserted by this batch's pos-record-orders
        MockEndpoint after = getMockEndpoint("mock:after-create-invoice");
        after.expectedMessageCount(1);

        template.sendBody("direct:pos-create-invoice", List.of(invoiceOf("2001", false), invoiceOf("2002", true)));

        after.assertIsSatisfied();
        assertThat(after.getReceivedExchanges().get(0).getMessage().getBody(List.class)).hasSize(2);
        // The appended step read the invoices the route had just written (same transaction, after its SQL).
        assertThat(jdbc.queryForList("SELECT order_id || ' ' || invoice_number || ' ' || CAST(total AS VARCHAR(20)) FROM shop_invoice_feed ORDER BY order_id",
                String.class)).containsExactly("2001 INV-N2001 105.00", "2002 INV-N2002 105.00");
        assertThat(jdbc.queryForList("SELECT order_id || ' ' || type FROM ledger_event ORDER BY order_id", String.class))
                .containsExactly("2001 CREATE_INVOICE", "2002 CREATE_INVOICE");
        assertThat(jdbc.queryForList("SELECT payment_status || ' ' || delivery_status FROM invoice ORDER BY order_id", String.class))
                .containsExactly("UNPAID UNSENT", "UNPAID UNSENT");
    }

    @Test
    void theKnownOrdersStatementIsGuardedAgainstASecondInvoice() throws Exception {
        startRoutes();
        LedgerRows.paidOrderWithoutInvoice(jdbc, "seller-1", "2003");
        template.sendBody("direct:pos-create-invoice", List.of(invoiceOf("2003", false)));
        template.sendBody("direct:pos-create-invoice", List.of(invoiceOf("2003", false)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM invoice WHERE order_id = '2003'", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_event WHERE order_id = '2003'", Long.class)).isEqualTo(1L);
    }
}
