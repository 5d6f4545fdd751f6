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
 * with its real SQL against an in-memory ledger, and its ledger event caught by a mock.
 */
class MarkSentRouteTest extends RouteFileTestSupport {

    @Override
    protected List<String> routeFiles() {
        return List.of("pos-ledger.camel.yaml");
    }

    @Test
    void courierPickupMarksTheInvoiceSentWithOneLedgerEvent() throws Exception {
        advise("pos-mark-sent", route -> route.weaveByToUri("direct:ledger-event").replace().to("mock:ledger-event"));
        startRoutes();
        LedgerRows.unsentInvoice(jdbc, "seller-1", "1001");
        MockEndpoint events = getMockEndpoint("mock:ledger-event");
        events.expectedMessageCount(1);
        events.expectedHeaderReceived("eventType", "MARK_SENT");

        Map<String, Object> order = Map.of("sellerId", "seller-1", "orderId", "1001", "now", OffsetDateTime.now(ZoneOffset.UTC));
        template.sendBody("direct:pos-mark-sent", order);
        template.sendBody("direct:pos-mark-sent", order); // a replay of the same step changes nothing

        events.assertIsSatisfied();
        assertThat(jdbc.queryForObject("SELECT delivery_status FROM invoice WHERE order_id = '1001'", String.class)).isEqualTo("SENT");
    }

    @Test
    void anExtraNotificationAddedToTheRouteGetsTheOrder() throws Exception {
        // The edit an integrator might make (a message to the warehouse after pickup), checked
        // without changing the file: the same weave the file edit would add.
        advise("pos-mark-sent", route -> {
            route.weaveByToUri("direct:ledger-event").replace().to("mock:ledger-event");
            route.weaveAddLast().filter().simple("${header.CamelSqlUpdateCount} > 0").to("mock:warehouse");
        });
        startRoutes();
        LedgerRows.unsentInvoice(jdbc, "seller-1", "1002");
        MockEndpoint warehouse = getMockEndpoint("mock:warehouse");
        warehouse.expectedMessageCount(1);
        warehouse.message(0).body().simple("${body[orderId]}").isEqualTo("1002");

        template.sendBody("direct:pos-mark-sent", Map.of("sellerId", "seller-1", "orderId", "1002", "now", OffsetDateTime.now(ZoneOffset.UTC)));

        warehouse.assertIsSatisfied();
    }
}
