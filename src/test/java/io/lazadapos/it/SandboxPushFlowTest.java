package io.lazadapos.it;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxOrderView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox pushing its changes to the runtime's own /lazada/push, as Lazada would, with the
 * poll switched off unless a test runs it: coalescing, and a lossy, duplicating, reordering feed
 * that one poll then completes.
 */
class SandboxPushFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private TestClock lazadaClock;
    private RunningApp app;
    private LazadaSandbox lazada;

    private void start(Map<String, String> overrides) {
        Map<String, String> settings = RunningApp.defaults();
        settings.put("sandbox.push.enabled", "true");
        settings.putAll(overrides);
        lazadaClock = TestClock.anHourAgo();
        app = RunningApp.start(settings, Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private long inbox(String status) {
        return app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = ?", status);
    }

    /** Every push the sandbox made has arrived and been processed. */
    private void awaitQuiet() {
        await().atMost(PATIENCE).until(() -> lazada.pushStats().pending() == 0 && inbox("PENDING") == 0 && inbox("CLAIMED") == 0);
    }

    @Test
    void anOrderCreatedInLazadaReachesThePosThroughItsPushes() {
        start(Map.of());
        long made = System.nanoTime();
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());

        await().atMost(PATIENCE).until(() -> app.get("/api/orders/" + id).statusCode() == 200);
        System.out.printf("order in the POS %d ms after the sandbox made it (pushes only)%n", (System.nanoTime() - made) / 1_000_000);
        assertThat(app.order(id).get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(lazada.apiCalls("/orders/get")).isZero();
    }

    @Test
    void theOrdersOneDrainClaimsAreFetchedAndAppliedTogether() throws Exception {
        start(Map.of());
        // Hold the drain while 60 orders are made (their pushes wait in the inbox); then let it run.
        app.context().getRouteController().stopRoute("push-inbox-drain");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(lazada.createOrder(SandboxOrderSpec.builder().items(1 + i % 3).status(i % 2 == 0 ? "pending" : "unpaid").build()));
        }
        await().atMost(PATIENCE).until(() -> lazada.pushStats().pending() == 0
                && app.inboxCount("SELECT COUNT(DISTINCT order_id) FROM push_inbox WHERE status = 'PENDING'") == ids.size());
        // Past the coalescing window (300 ms) of the last push, so that one drain finds every order due.
        Thread.sleep(600);
        lazada.resetCounters();
        app.context().getRouteController().startRoute("push-inbox-drain");
        awaitQuiet();

        for (String id : ids) {
            assertThat(app.get("/api/orders/" + id).statusCode()).as("order %s in the POS", id).isEqualTo(200);
        }
        // One GetOrder per order, their items in two GetMultipleOrderItems calls (50 orders a call), no GetOrderItems.
        assertThat(lazada.apiCalls("/order/get")).isEqualTo(60);
        assertThat(lazada.apiCalls("/orders/items/get")).isEqualTo(2);
        assertThat(lazada.apiCalls("/order/items/get")).isZero();
        assertThat(inbox("FAILED")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
    }

    @Test
    void aRepeatedPushForAnUnchangedOrderCostsOneItemsCallAndWritesNothing() throws Exception {
        start(Map.of());
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
        awaitQuiet();
        await().atMost(PATIENCE).until(() -> app.get("/api/orders/" + id).statusCode() == 200);
        long events = app.count("SELECT COUNT(*) FROM ledger_event WHERE order_id = ?", id);
        Object syncedAt = app.jdbc().queryForObject("SELECT synced_at FROM pos_order WHERE order_id = ?", Object.class, id);
        lazada.resetCounters();

        // Lazada sends an item's push again (nothing changed at Lazada since).
        String item = app.jdbc().queryForObject("SELECT MIN(order_item_id) FROM order_line WHERE order_id = ?", String.class, id);
        byte[] push = SignedPushes.tradeOrder("default", id, item, "pending").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String signature = new SignedPushes(lazada.settings().appKey(), lazada.settings().appSecret()).sign(push);
        assertThat(app.post("/lazada/push", push, "Content-Type", "application/json", "Authorization", signature).statusCode()).isEqualTo(200);
        awaitQuiet();

        assertThat(lazada.apiCalls("/orders/items/get")).isEqualTo(1);
        assertThat(lazada.apiCalls("/order/get")).isZero();
        assertThat(inbox("DONE")).isEqualTo(3);
        assertThat(app.count("SELECT COUNT(*) FROM ledger_event WHERE order_id = ?", id)).isEqualTo(events);
        assertThat(app.jdbc().queryForObject("SELECT synced_at FROM pos_order WHERE order_id = ?", Object.class, id)).isEqualTo(syncedAt);
    }

    @Test
    void theFivePushesOfAFiveItemChangeCauseOneFetch() throws Exception {
        start(Map.of());
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(5).status("pending").build());
        awaitQuiet();
        assertThat(inbox("DONE")).isEqualTo(5);

        // Hold the drain so that all five pushes are surely in before it looks; then let it run.
        app.context().getRouteController().stopRoute("push-inbox-drain");
        lazada.resetCounters();
        lazadaClock.tick();
        lazada.setOrderStatus(id, "packed");
        await().atMost(PATIENCE).until(() -> inbox("PENDING") == 5);
        app.context().getRouteController().startRoute("push-inbox-drain");
        awaitQuiet();

        assertThat(lazada.apiCalls("/order/get")).isEqualTo(1);
        assertThat(lazada.apiCalls("/orders/items/get")).isEqualTo(1);
        assertThat(app.order(id).get("stage").asText()).isEqualTo("READY_TO_SHIP");
        System.out.printf("5 item pushes -> %d GetOrder, %d GetMultipleOrderItems%n", lazada.apiCalls("/order/get"), lazada.apiCalls("/orders/items/get"));

        // A burst: three changes of the order, fifteen pushes, one fetch.
        app.context().getRouteController().stopRoute("push-inbox-drain");
        lazada.resetCounters();
        for (String status : List.of("ready_to_ship", "shipped", "delivered")) {
            lazadaClock.tick();
            lazada.setOrderStatus(id, status);
        }
        await().atMost(PATIENCE).until(() -> inbox("PENDING") == 15);
        app.context().getRouteController().startRoute("push-inbox-drain");
        awaitQuiet();
        assertThat(lazada.apiCalls("/order/get")).isEqualTo(1);
        assertThat(lazada.apiCalls("/orders/items/get")).isEqualTo(1);
        JsonNode o = app.order(id);
        assertThat(o.get("stage").asText()).isEqualTo("DELIVERED");
        assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("PAID");
    }

    /** One order's story: its items, and the statuses it goes through (item index and status, or all items). */
    private record Story(String name, int items, String first, List<String[]> steps) {
    }

    private static String[] all(String status) {
        return new String[] {null, status};
    }

    private static String[] item(int index, String status) {
        return new String[] {Integer.toString(index), status};
    }

    private static Story story(String name, int items, String first, String[]... steps) {
        return new Story(name, items, first, List.of(steps));
    }

    private static List<Story> stories() {
        return List.of(
                story("delivered", 2, "unpaid", all("pending"), all("packed"), all("ready_to_ship"), all("shipped"), all("delivered")),
                story("in delivery", 1, "pending", all("packed"), all("shipped")),
                story("seller cancel", 1, "pending", all("canceled")),
                story("unpaid expired", 2, "unpaid", all("canceled")),
                story("failed delivery", 2, "pending", all("ready_to_ship"), all("shipped"), all("failed_delivery")),
                story("returned", 2, "pending", all("shipped"), all("delivered"), item(0, "returned")),
                story("partly cancelled", 3, "pending", item(1, "canceled"), item(0, "packed"), item(2, "packed")),
                story("still unpaid", 1, "unpaid"),
                story("new", 4, "pending"));
    }

    @Test
    void aLossyDuplicatingReorderingFeedThenOnePollLeavesTheLedgerEqualToLazada() {
        Map<String, String> faults = new LinkedHashMap<>();
        faults.put("sandbox.seed", "20260501");
        faults.put("sandbox.push.drop-share", "0.2");
        faults.put("sandbox.push.duplicate-share", "0.15");
        faults.put("sandbox.push.delay-share", "0.1");
        faults.put("sandbox.push.reorder-share", "0.15");
        faults.put("sandbox.push.max-delay", "400ms");
        start(faults);

        List<String> orders = new ArrayList<>();
        List<Story> told = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (Story story : stories()) {
                orders.add(lazada.createOrder(SandboxOrderSpec.builder().items(story.items()).status(story.first()).build()));
                told.add(story);
            }
        }
        int longest = stories().stream().mapToInt(s -> s.steps().size()).max().orElse(0);
        for (int step = 0; step < longest; step++) {
            lazadaClock.tick();
            for (int i = 0; i < orders.size(); i++) {
                List<String[]> steps = told.get(i).steps();
                if (step < steps.size()) {
                    String[] change = steps.get(step);
                    String id = orders.get(i);
                    if (change[0] == null) {
                        lazada.setOrderStatus(id, change[1]);
                    } else {
                        lazada.setItemStatus(id, lazada.order(id).items().get(Integer.parseInt(change[0])).orderItemId(), change[1]);
                    }
                }
            }
        }
        awaitQuiet();
        LazadaSandbox.PushStats pushes = lazada.pushStats();
        assertThat(pushes.dropped()).isPositive();
        assertThat(pushes.duplicated()).isPositive();
        assertThat(pushes.reordered()).isPositive();
        long behind = lazada.orders().stream().filter(o -> !matches(o)).count();

        app.pollNow();

        List<String> mismatches = new ArrayList<>();
        for (SandboxOrderView truth : lazada.orders()) {
            if (!matches(truth)) {
                mismatches.add(truth.orderId() + " " + truth.statuses());
            }
        }
        assertThat(mismatches).isEmpty();
        for (int i = 0; i < orders.size(); i++) {
            assertExpectedDocuments(told.get(i).name(), app.order(orders.get(i)));
        }
        assertThat(app.count("SELECT COUNT(*) FROM (SELECT seller_id, order_id, type, subject FROM ledger_event "
                + "GROUP BY seller_id, order_id, type, subject HAVING COUNT(*) > 1) d")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
        System.out.printf("%d orders, pushes %s; %d orders behind Lazada before the poll, %d ledger events written by it%n",
                orders.size(), pushes, behind, app.count("SELECT COUNT(*) FROM ledger_event WHERE source = 'poll'"));
    }

    /** The ledger holds the sandbox's latest snapshot of the order: same update time, same item statuses. */
    private boolean matches(SandboxOrderView truth) {
        List<Map<String, Object>> rows = app.jdbc().queryForList(
                "SELECT lazada_updated_at, lazada_statuses FROM pos_order WHERE seller_id = ? AND order_id = ?", truth.sellerId(), truth.orderId());
        if (rows.size() != 1) {
            return false;
        }
        // HSQLDB's driver gives an OffsetDateTime for TIMESTAMP WITH TIME ZONE, PostgreSQL's a Timestamp.
        Object updatedAt = rows.get(0).get("LAZADA_UPDATED_AT");
        Instant updated = updatedAt instanceof java.sql.Timestamp t ? t.toInstant() : ((OffsetDateTime) updatedAt).toInstant();
        TreeSet<String> statuses = new TreeSet<>(List.of(((String) rows.get(0).get("LAZADA_STATUSES")).split(",")));
        List<String> lines = app.jdbc().queryForList("SELECT order_item_id || '=' || status FROM order_line WHERE seller_id = ? AND order_id = ? "
                + "ORDER BY order_item_id", String.class, truth.sellerId(), truth.orderId());
        List<String> truthLines = truth.items().stream().map(i -> i.orderItemId() + "=" + i.status()).sorted().toList();
        return updated.equals(truth.updatedAt()) && statuses.equals(new TreeSet<>(truth.statuses())) && lines.equals(truthLines);
    }

    /** What the POS must show for each story's final state, whatever path the pushes took. */
    private static void assertExpectedDocuments(String story, JsonNode o) {
        String stage = o.get("stage").asText();
        String tab = o.get("tab").asText();
        JsonNode invoice = o.get("invoice");
        JsonNode salesOrder = o.get("salesOrder");
        switch (story) {
            case "delivered" -> {
                assertThat(stage + " " + tab).isEqualTo("DELIVERED IN_DELIVERY");
                assertThat(invoice.get("deliveryStatus").asText() + " " + invoice.get("paymentStatus").asText()).isEqualTo("SENT PAID");
            }
            case "in delivery" -> {
                assertThat(stage + " " + tab).isEqualTo("SHIPPED IN_DELIVERY");
                assertThat(invoice.get("deliveryStatus").asText() + " " + invoice.get("paymentStatus").asText()).isEqualTo("SENT UNPAID");
            }
            case "seller cancel" -> {
                assertThat(stage + " " + tab).isEqualTo("CANCELED CANCELED");
                // First seen cancelled (its first push dropped or overtaken), the POS never made an invoice.
                assertThat(invoice.isNull() || invoice.get("recycled").asBoolean() && "SELLER_CANCEL".equals(invoice.get("recycleReason").asText()))
                        .isTrue();
            }
            case "unpaid expired" -> {
                assertThat(stage + " " + tab).isEqualTo("CANCELED CANCELED");
                assertThat(invoice.isNull()).isTrue();
                // Its first push may have been dropped: then the POS first saw it cancelled and never made a sales order.
                assertThat(salesOrder.isNull() || "VOID".equals(salesOrder.get("status").asText())).isTrue();
            }
            case "failed delivery" -> {
                assertThat(stage + " " + tab).isEqualTo("FAILED_DELIVERY CANCELED");
                assertThat(invoice.get("recycleReason").asText()).isEqualTo("FAILED_DELIVERY");
            }
            case "returned" -> {
                assertThat(stage + " " + tab).isEqualTo("RETURNED COMPLAINED");
                assertThat(invoice.get("deliveryStatus").asText() + " " + invoice.get("paymentStatus").asText()).isEqualTo("SENT PAID");
                assertThat(o.get("reviewReasons").toString()).contains("RETURN_REQUESTED");
            }
            case "partly cancelled" -> {
                assertThat(stage + " " + tab).isEqualTo("READY_TO_SHIP NEW_ORDER");
                assertThat(invoice.get("lines").findValues("canceled").stream().filter(JsonNode::asBoolean).count()).isEqualTo(1);
            }
            case "still unpaid" -> {
                assertThat(stage + " " + tab).isEqualTo("AWAITING_PAYMENT UNPAID");
                assertThat(salesOrder.get("status").asText()).isEqualTo("OPEN");
            }
            case "new" -> {
                assertThat(stage + " " + tab).isEqualTo("PAID NEW_ORDER");
                assertThat(invoice.get("lines")).hasSize(4);
            }
            default -> throw new IllegalArgumentException(story);
        }
    }

}
