package io.lazadapos.routes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.flow.OrderPlanner;
import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The content-based router of order-sync.camel.yaml and the POS step routes of pos-ledger.camel.yaml
 * over the whole runtime, with a mock appended to every step route the way an integrator appends a
 * step: each route receives, once per batch, exactly the orders whose document it changed (for new
 * orders first seen at every stage, and for known orders moving between stages), and nothing for
 * replays, older snapshots and documents already written. What the mocks saw is checked against the
 * ledger's events as well.
 */
class PosStepRoutesTest extends WholeRuntimeTestSupport {

    private static final AtomicLong IDS = new AtomicLong(9_000_000);
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

    private StepRouteMocks mocks;

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        test.withUseAdviceWith(true);
    }

    @BeforeEach
    void appendMocks() throws Exception {
        mocks = new StepRouteMocks(context).appendTo(StepRouteMocks.allRoutes());
        context.start();
    }

    private static String newId() {
        return Long.toString(IDS.incrementAndGet());
    }

    private static LazadaOrderItem item(String id, String status) {
        return new LazadaOrderItem(id, status, "SKU", null, "Thing", null, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE,
                BigDecimal.ZERO, "IDR", status.equals("canceled") ? "cancellation-seller" : null, null, false, false, null, null,
                null, T, T);
    }

    /** A snapshot of the order at {@code T + second}, its items (ids orderId-0, orderId-1, ...) with these statuses. */
    private static OrderSnapshot from(String source, String orderId, int second, String... statuses) {
        List<LazadaOrderItem> items = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            items.add(item(orderId + "-" + i, statuses[i]));
        }
        BigDecimal price = BigDecimal.TEN.multiply(BigDecimal.valueOf(statuses.length));
        Instant updatedAt = T.plusSeconds(second);
        LazadaOrder order = new LazadaOrder(orderId, "N" + orderId, T, updatedAt, List.of(statuses), statuses.length,
                price, BigDecimal.ZERO, BigDecimal.valueOf(statuses.length), "COD", false, false);
        return new OrderSnapshot("default", order, items, source);
    }

    private static OrderSnapshot snapshot(String orderId, int second, String... statuses) {
        return from("poll", orderId, second, statuses);
    }

    /** One batch, as a poll page is applied. */
    private void sync(OrderSnapshot... snapshots) {
        template.sendBody("direct:sync-orders", List.of(snapshots));
    }

    /** What each route received since the last call, by route; routes that received nothing are left out. */
    private Map<String, List<String>> changes() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String route : StepRouteMocks.allRoutes()) {
            List<String> keys = mocks.keys(route);
            if (!keys.isEmpty()) {
                m.put(route, keys);
            }
        }
        mocks.reset();
        return m;
    }

    private static Map<String, List<String>> expect(Object... routeAndKeys) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < routeAndKeys.length; i += 2) {
            m.put((String) routeAndKeys[i], Arrays.asList((String[]) routeAndKeys[i + 1]));
        }
        return m;
    }

    private static String[] of(String... keys) {
        return keys;
    }

    /** The ledger events of these orders of one step route's types, as keys like {@link StepRouteMocks#keys}. */
    private List<String> events(String route, List<String> orderIds) {
        List<String> types = StepRouteMocks.STEP_EVENTS.getOrDefault(route, StepRouteMocks.OTHER_STEP_EVENTS.get(route));
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> e : jdbc().queryForList("SELECT order_id, type, subject FROM ledger_event ORDER BY order_id, id")) {
            Map<String, Object> ci = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ci.putAll(e);
            if (orderIds.contains(ci.get("order_id")) && types.contains(ci.get("type"))) {
                boolean withSubject = route.equals("pos-remove-lines") || route.equals("pos-open-reviews");
                keys.add(withSubject ? ci.get("order_id") + "/" + ci.get("subject") : (String) ci.get("order_id"));
            }
        }
        return keys;
    }

    @Test
    void ordersFirstSeenAtEveryStageReachExactlyTheStepsTheirDocumentsTake() {
        String unpaid = newId(), paid = newId(), ready = newId(), shipped = newId(), delivered = newId(), canceled = newId(),
                failed = newId(), returned = newId(), partly = newId(), held = newId();
        sync(snapshot(unpaid, 0, "unpaid"), snapshot(paid, 0, "pending"), snapshot(ready, 0, "ready_to_ship", "packed"),
                snapshot(shipped, 0, "shipped"), snapshot(delivered, 0, "delivered", "confirmed"), snapshot(canceled, 0, "canceled"),
                snapshot(failed, 0, "failed_delivery"), snapshot(returned, 0, "returned", "delivered"),
                snapshot(partly, 0, "canceled", "shipped"), snapshot(held, 0, "beamed_up"));

        // Each route ran once for the batch (its changes in one list), the routes with nothing to do not at all.
        for (String route : StepRouteMocks.allRoutes()) {
            assertThat(mocks.runs(route)).as(route).isLessThanOrEqualTo(1);
        }
        List<String> all = List.of(unpaid, paid, ready, shipped, delivered, canceled, failed, returned, partly, held);
        Map<String, List<String>> seen = new LinkedHashMap<>();
        StepRouteMocks.allRoutes().forEach(r -> seen.put(r, mocks.keys(r)));
        for (String route : StepRouteMocks.STEP_EVENTS.keySet()) {
            assertThat(seen.get(route)).as("%s against the ledger", route).isEqualTo(events(route, all));
        }
        Map<String, Object> invoiceOfDelivered = mocks.received("pos-create-invoice").stream()
                .filter(m -> m.get("orderId").equals(delivered)).findFirst().orElseThrow();
        assertThat(invoiceOfDelivered).containsEntry("newOrder", true).containsEntry("source", "poll")
                .containsEntry("invoiceNumber", "INV-N" + delivered).containsEntry("paymentStatus", "UNPAID")
                .containsEntry("deliveryStatus", "UNSENT").containsEntry("eventType", "CREATE_INVOICE").containsEntry("sellerId", "default");
        assertThat((BigDecimal) invoiceOfDelivered.get("total")).isEqualByComparingTo("22");
        assertThat((BigDecimal) mocks.received("pos-create-invoice").stream().filter(m -> m.get("orderId").equals(partly))
                .findFirst().orElseThrow().get("total")).isEqualByComparingTo("11");

        assertThat(changes()).isEqualTo(expect(
                "pos-create-sales-order", of(unpaid),
                "pos-create-invoice", of(paid, ready, shipped, delivered, failed, returned, partly),
                "pos-mark-sent", of(shipped, delivered, failed, returned, partly),
                "pos-add-payment", of(delivered, returned),
                "pos-recycle-invoice", of(failed),
                "pos-sync-lines", of(unpaid + "/" + unpaid + "-0", paid + "/" + paid + "-0", ready + "/" + ready + "-0",
                        ready + "/" + ready + "-1", shipped + "/" + shipped + "-0", delivered + "/" + delivered + "-0",
                        delivered + "/" + delivered + "-1", canceled + "/" + canceled + "-0", failed + "/" + failed + "-0",
                        returned + "/" + returned + "-0", returned + "/" + returned + "-1", partly + "/" + partly + "-0",
                        partly + "/" + partly + "-1"),
                "pos-remove-lines", of(partly + "/" + partly + "-0"),
                "pos-open-reviews", of(returned + "/RETURN_REQUESTED", held + "/UNMAPPED_STATUS")));
        assertThat(jdbc().queryForObject("SELECT total FROM invoice WHERE order_id = ?", BigDecimal.class, partly)).isEqualByComparingTo("11");
    }

    @Test
    void knownOrdersMovingOnReachOnlyTheStepsOfTheirNewDocuments() {
        String a = newId(), b = newId(), c = newId(), d = newId(), e = newId(), f = newId(), g = newId();
        sync(snapshot(a, 0, "unpaid"), snapshot(b, 0, "pending"), snapshot(c, 0, "unpaid"), snapshot(d, 0, "shipped"),
                snapshot(e, 0, "pending"), snapshot(f, 0, "shipped"), snapshot(g, 0, "pending", "pending"));
        changes();

        // a: paid (its sales order becomes the invoice); b: cancelled before shipping; c: unpaid, cancelled;
        // d: shipped, then its delivery failed; e: paid, delivered at once; f: shipped, then cancelled;
        // g: one of two items cancelled.
        sync(snapshot(a, 1, "pending"), snapshot(b, 1, "canceled"), snapshot(c, 1, "canceled"), snapshot(d, 1, "failed_delivery"),
                snapshot(e, 1, "delivered"), snapshot(f, 1, "canceled"), snapshot(g, 1, "canceled", "pending"));
        Map<String, Object> converted = mocks.received("pos-create-invoice").get(0);
        assertThat(converted).containsEntry("orderId", a).containsEntry("newOrder", false)
                .containsEntry("eventType", "CONVERT_TO_INVOICE").containsEntry("convertedFrom", "SO-N" + a);
        assertThat(mocks.received("pos-recycle-invoice")).extracting(m -> m.get("recycleReason"))
                .containsExactly("SELLER_CANCEL", "FAILED_DELIVERY", "SELLER_CANCEL");
        assertThat(changes()).isEqualTo(expect(
                "pos-create-invoice", of(a),
                "pos-mark-sent", of(e),
                "pos-add-payment", of(e),
                "pos-void-sales-order", of(c),
                "pos-recycle-invoice", of(b, d, f),
                "pos-sync-lines", of(a + "/" + a + "-0", b + "/" + b + "-0", c + "/" + c + "-0", d + "/" + d + "-0",
                        e + "/" + e + "-0", f + "/" + f + "-0", g + "/" + g + "-0"),
                "pos-remove-lines", of(g + "/" + g + "-0"),
                "pos-open-reviews", of(f + "/CANCEL_AFTER_SENT")));
        assertThat(jdbc().queryForObject("SELECT total FROM invoice WHERE order_id = ?", BigDecimal.class, g)).isEqualByComparingTo("11");

        // a goes the whole way, a step at a time; its return takes no POS step, only a review.
        sync(snapshot(a, 2, "shipped"));
        assertThat(changes()).isEqualTo(expect("pos-mark-sent", of(a), "pos-sync-lines", of(a + "/" + a + "-0")));
        sync(snapshot(a, 3, "delivered"));
        assertThat(changes()).isEqualTo(expect("pos-add-payment", of(a), "pos-sync-lines", of(a + "/" + a + "-0")));
        sync(snapshot(a, 4, "returned"));
        assertThat(changes()).isEqualTo(expect("pos-sync-lines", of(a + "/" + a + "-0"), "pos-open-reviews", of(a + "/RETURN_REQUESTED")));
    }

    @Test
    void replaysOlderSnapshotsAndUnchangedDocumentsReachNoStep() {
        String a = newId(), b = newId(), c = newId();
        sync(snapshot(a, 5, "delivered"), snapshot(b, 5, "shipped"), snapshot(c, 5, "canceled"));
        changes();

        sync(snapshot(a, 5, "delivered"), snapshot(b, 5, "shipped"), snapshot(c, 5, "canceled")); // the same snapshots
        template.sendBody("direct:sync-order", from("push", a, 5, "delivered")); // a push of the same
        sync(snapshot(a, 3, "shipped"), snapshot(b, 2, "pending")); // older ones
        // A reconciliation re-applies the same snapshots on purpose; the documents are all there.
        sync(from(OrderPlanner.RECONCILE, a, 5, "delivered"), from(OrderPlanner.RECONCILE, b, 5, "shipped"));
        assertThat(changes()).isEmpty();

        // Newer snapshots that change nothing in the POS: shipped again (another shipped status), cancelled again.
        sync(from("resync", b, 6, "shipping"), from("resync", c, 6, "canceled"));
        assertThat(changes()).isEqualTo(expect("pos-sync-lines", of(b + "/" + b + "-0")));
        // The first batch's events only: a's invoice, sent and paid; b's invoice and sent; none for c, first seen cancelled.
        assertThat(jdbc().queryForList("SELECT order_id || ' ' || type FROM ledger_event WHERE order_id IN (?, ?, ?) ORDER BY order_id, id",
                String.class, a, b, c)).containsExactly(a + " CREATE_INVOICE", a + " MARK_SENT", a + " ADD_PAYMENT",
                b + " CREATE_INVOICE", b + " MARK_SENT");
    }

    @Test
    void aRestoredInvoiceIsRecycledAgainOnlyByANewCancel() {
        String a = newId();
        sync(snapshot(a, 0, "pending"));
        sync(snapshot(a, 1, "canceled"));
        changes();
        jdbc().update("UPDATE invoice SET recycled = FALSE, recycle_reason = NULL, recycled_at = NULL, restored_at = CURRENT_TIMESTAMP, "
                + "restore_count = restore_count + 1 WHERE order_id = ?", a);

        sync(snapshot(a, 2, "canceled")); // a later update of the same cancel
        assertThat(changes()).isEmpty();
        sync(snapshot(a, 3, "pending"));
        assertThat(changes()).isEqualTo(expect("pos-sync-lines", of(a + "/" + a + "-0")));
        sync(snapshot(a, 4, "canceled")); // cancelled again
        Map<String, List<String>> again = changes();
        assertThat(again.get("pos-recycle-invoice")).containsExactly(a);
        assertThat(jdbc().queryForList("SELECT subject FROM ledger_event WHERE order_id = ? AND type = 'RECYCLE_INVOICE' ORDER BY id",
                String.class, a)).containsExactly("SELLER_CANCEL", "SELLER_CANCEL#2");
    }

    @Test
    void aBatchOfNewAndKnownOrdersSendsBothToTheSameRunOfAStep() {
        String known = newId(), fresh = newId();
        sync(snapshot(known, 0, "unpaid"));
        changes();
        sync(snapshot(known, 1, "shipped"), snapshot(fresh, 1, "shipped"));
        assertThat(mocks.runs("pos-create-invoice")).isEqualTo(1);
        assertThat(mocks.received("pos-create-invoice")).extracting(m -> m.get("orderId") + " " + m.get("newOrder") + " " + m.get("eventType"))
                .containsExactly(known + " false CONVERT_TO_INVOICE", fresh + " true CREATE_INVOICE");
        assertThat(mocks.received("pos-mark-sent")).extracting(m -> m.get("orderId")).containsExactly(known, fresh);
        assertThat(jdbc().queryForList("SELECT delivery_status FROM invoice WHERE order_id IN (?, ?) ORDER BY order_id", String.class,
                known, fresh)).containsExactly("SENT", "SENT");
    }
}
