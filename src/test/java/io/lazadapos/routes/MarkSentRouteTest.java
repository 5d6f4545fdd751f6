package io.lazadapos.routes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An example of checking an edited route: the POS step pos-mark-sent (routes/pos-ledger.camel.yaml)
 * with its real SQL against an in-memory ledger. The router hands a step the list of the orders it
 * changes in the batch (its body); the step marks their invoices sent and writes one ledger event each.
 */
class MarkSentRouteTest extends RouteFileTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("pos-ledger.camel.yaml");
    }

    /** What the router sends pos-mark-sent for orders the ledger knew. */
    private static List<Map<String, Object>> shipped(String... orderIds) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return java.util.Arrays.stream(orderIds)
                .map(id -> Map.<String, Object>of("sellerId", "seller-1", "orderId", id, "newOrder", false, "now", now, "sentAt", now,
                        "source", "poll", "lazadaUpdatedAt", now, "invoiceNumber", "INV-N" + id, "deliveryStatus", "SENT",
                        "eventType", "MARK_SENT"))
                .toList();
    }

    @Test
    void courierPickupMarksTheInvoicesSentWithOneLedgerEventEach() throws Exception {
        startRoutes();
        LedgerRows.unsentInvoice(jdbc, "seller-1", "1001");
        LedgerRows.unsentInvoice(jdbc, "seller-1", "1002");

        template.sendBody("direct:pos-mark-sent", shipped("1001", "1002"));
        template.sendBody("direct:pos-mark-sent", shipped("1001")); // the guarded SQL: a second time changes nothing

        assertThat(jdbc.queryForList("SELECT delivery_status FROM invoice ORDER BY order_id", String.class)).containsExactly("SENT", "SENT");
        assertThat(jdbc.queryForList("SELECT order_id FROM ledger_event WHERE type = 'MARK_SENT' ORDER BY order_id", String.class))
                .containsExactly("1001", "1002");
    }

    @Test
    void anExtraNotificationAddedToTheRouteGetsTheOrders() throws Exception {
        // The edit an integrator might make (a message to the warehouse after pickup), checked
        // without changing the file: the same step the file edit would add, woven in last.
        advise("pos-mark-sent", route -> route.weaveAddLast().to("mock:warehouse"));
        startRoutes();
        LedgerRows.unsentInvoice(jdbc, "seller-1", "1003");
        MockEndpoint warehouse = getMockEndpoint("mock:warehouse");
        warehouse.expectedMessageCount(1);
        warehouse.message(0).body().simple("${body[0][orderId]}").isEqualTo("1003");
        warehouse.message(0).body().simple("${body[0][invoiceNumber]}").isEqualTo("INV-N1003");

        template.sendBody("direct:pos-mark-sent", shipped("1003"));

        warehouse.assertIsSatisfied();
    }
}
