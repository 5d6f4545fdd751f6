package io.lazadapos.routes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.Test;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

/**
 * The content-based router of order-sync.camel.yaml in isolation: the real application and
 * routes, with the POS step endpoints mocked and skipped, so each stage shows which steps it
 * reaches, in which order. The router takes the orders the ledger knows; a new order's documents
 * are inserted before it (NewOrderDocumentsTest shows they are the same).
 */
class OrderRouterTest extends WholeRuntimeTestSupport {

    /** The steps the router chooses by stage (lines and reviews are batch steps every batch passes). */
    private static final String[] STEPS = {"pos-create-sales-order", "pos-create-invoice", "pos-mark-sent", "pos-add-payment",
            "pos-void-sales-order", "pos-recycle-invoice"};
    private static final AtomicLong IDS = new AtomicLong(9_000_000);

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        context.withMockEndpointsAndSkip("direct:pos-(create|mark|add|void|recycle).*");
    }

    private static LazadaOrderItem item(String id, String status) {
        return new LazadaOrderItem(id, status, "SKU", null, "Thing", null, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE,
                BigDecimal.ZERO, "IDR", status.equals("canceled") ? "cancellation-seller" : null, null, false, false, null, null,
                null, Instant.now(), Instant.now());
    }

    /** A known order (held first under an unmapped status) whose items now have these statuses. */
    private void route(String... statuses) {
        String orderId = Long.toString(IDS.incrementAndGet());
        String[] unmapped = new String[statuses.length];
        java.util.Arrays.fill(unmapped, "status_nobody_mapped");
        Instant now = Instant.now();
        template.sendBody("direct:sync-order", snapshot(orderId, now.minusSeconds(10), unmapped));
        template.sendBody("direct:sync-order", snapshot(orderId, now, statuses));
    }

    private static OrderSnapshot snapshot(String orderId, Instant updatedAt, String... statuses) {
        List<LazadaOrderItem> items = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            items.add(item(orderId + "-" + i, statuses[i]));
        }
        BigDecimal price = BigDecimal.TEN.multiply(BigDecimal.valueOf(statuses.length));
        LazadaOrder order = new LazadaOrder(orderId, orderId, updatedAt, updatedAt, List.of(statuses), statuses.length,
                price, BigDecimal.ZERO, BigDecimal.valueOf(statuses.length), "COD", false, false);
        return new OrderSnapshot("default", order, items, "poll");
    }

    private final List<String> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Records which step mock is reached, in arrival order. */
    private void listen() {
        arrivals.clear();
        for (String step : STEPS) {
            getMockEndpoint("mock:direct:" + step).whenAnyExchangeReceived(e -> arrivals.add(step));
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void startListening() {
        listen();
    }

    /** Expects exactly these steps, in this order, and none of the others. */
    private void expectSteps(String... steps) {
        org.assertj.core.api.Assertions.assertThat(arrivals).containsExactly(steps);
        MockEndpoint.resetMocks(context);
        listen();
    }

    @Test
    void eachStageReachesItsSteps() throws Exception {
        route("unpaid");
        expectSteps("pos-create-sales-order");
        route("pending");
        expectSteps("pos-create-invoice");
        route("ready_to_ship", "packed");
        expectSteps("pos-create-invoice");
        route("shipped");
        expectSteps("pos-create-invoice", "pos-mark-sent");
        route("delivered", "confirmed");
        expectSteps("pos-create-invoice", "pos-mark-sent", "pos-add-payment");
        route("returned", "delivered");
        expectSteps("pos-create-invoice", "pos-mark-sent", "pos-add-payment");
        route("failed_delivery");
        expectSteps("pos-create-invoice", "pos-mark-sent", "pos-recycle-invoice");
        route("canceled", "canceled");
        expectSteps("pos-void-sales-order", "pos-recycle-invoice");
        route("in_transit");
        expectSteps();
    }

    @Test
    void aNewOrderTakesNoneOfTheRoutersSteps() throws Exception {
        template.sendBody("direct:sync-order", snapshot(Long.toString(IDS.incrementAndGet()), Instant.now(), "delivered"));
        expectSteps();
    }

    @Test
    void partialCancelsAndFailuresFollowTheRemainingItems() throws Exception {
        route("canceled", "pending");
        expectSteps("pos-create-invoice");
        route("failed_delivery", "delivered");
        expectSteps("pos-create-invoice", "pos-mark-sent", "pos-add-payment");
        route("failed_delivery", "shipped_back");
        expectSteps("pos-create-invoice", "pos-mark-sent", "pos-recycle-invoice");
    }
}
