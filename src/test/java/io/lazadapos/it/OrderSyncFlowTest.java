package io.lazadapos.it;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxItemSpec;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sandbox orders over real HTTP into a real ledger, read back through the API: every
 * stage and tab, partial cancels, first-seen-delivered orders.
 */
class OrderSyncFlowTest {

    private TestClock lazadaClock;
    private RunningApp app;
    private LazadaSandbox lazada;

    @BeforeEach
    void start() {
        lazadaClock = TestClock.anHourAgo();
        app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void move(String orderId, String status) {
        lazadaClock.tick();
        lazada.setOrderStatus(orderId, status);
        app.pollNow();
    }

    private List<String> events(String orderId) {
        return app.json("/api/orders/" + orderId + "/events").findValuesAsText("type");
    }

    @Test
    void anOrderWalksTheWholeForwardPathIntoTheComplainedTab() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("unpaid").build());
        app.pollNow();
        JsonNode o = app.order(id);
        assertThat(o.get("stage").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(o.get("tab").asText()).isEqualTo("UNPAID");
        assertThat(o.at("/salesOrder/status").asText()).isEqualTo("OPEN");
        assertThat(o.get("invoice").isNull()).isTrue();

        move(id, "pending");
        o = app.order(id);
        assertThat(o.get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(o.at("/salesOrder/status").asText()).isEqualTo("CONVERTED");
        assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("UNPAID");
        assertThat(o.at("/invoice/deliveryStatus").asText()).isEqualTo("UNSENT");
        assertThat(o.at("/invoice/lines")).hasSize(2);

        move(id, "ready_to_ship");
        assertThat(app.order(id).get("stage").asText()).isEqualTo("READY_TO_SHIP");
        assertThat(app.order(id).get("tab").asText()).isEqualTo("NEW_ORDER");

        move(id, "shipped");
        o = app.order(id);
        assertThat(o.get("tab").asText()).isEqualTo("IN_DELIVERY");
        assertThat(o.at("/invoice/deliveryStatus").asText()).isEqualTo("SENT");
        assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("UNPAID");

        move(id, "delivered");
        o = app.order(id);
        assertThat(o.get("stage").asText()).isEqualTo("DELIVERED");
        assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("PAID");

        move(id, "returned");
        o = app.order(id);
        assertThat(o.get("stage").asText()).isEqualTo("RETURNED");
        assertThat(o.get("tab").asText()).isEqualTo("COMPLAINED");
        assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("PAID");
        assertThat(o.at("/invoice/deliveryStatus").asText()).isEqualTo("SENT");
        assertThat(o.at("/invoice/recycled").asBoolean()).isFalse();
        assertThat(o.get("manualReview").asBoolean()).isTrue();
        assertThat(o.get("reviewReasons").findValuesAsText("")).isEmpty();
        assertThat(o.get("reviewReasons").get(0).asText()).isEqualTo("RETURN_REQUESTED");

        assertThat(events(id)).containsExactly("CREATE_SALES_ORDER", "CONVERT_TO_INVOICE", "MARK_SENT", "ADD_PAYMENT", "OPEN_REVIEW");
    }

    @Test
    void cancellationsGoToTheRecycleBinWithTheirReason() {
        String sellerCancel = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        String unpaidExpired = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("unpaid").build());
        String afterShipping = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("shipped").build());
        String failed = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("shipped").build());
        app.pollNow();

        lazadaClock.tick();
        lazada.setOrderStatus(sellerCancel, "canceled", "cancellation-seller");
        lazada.setOrderStatus(unpaidExpired, "canceled", "system-cancel");
        lazada.setOrderStatus(afterShipping, "canceled", "cancellation-customer");
        lazada.setOrderStatus(failed, "failed_delivery");
        app.pollNow();

        JsonNode seller = app.order(sellerCancel);
        assertThat(seller.get("tab").asText()).isEqualTo("CANCELED");
        assertThat(seller.at("/invoice/recycled").asBoolean()).isTrue();
        assertThat(seller.at("/invoice/recycleReason").asText()).isEqualTo("SELLER_CANCEL");
        assertThat(seller.get("manualReview").asBoolean()).isFalse();

        JsonNode expired = app.order(unpaidExpired);
        assertThat(expired.at("/salesOrder/status").asText()).isEqualTo("VOID");
        assertThat(expired.get("invoice").isNull()).isTrue();
        assertThat(events(unpaidExpired)).containsExactly("CREATE_SALES_ORDER", "VOID_SALES_ORDER");

        JsonNode sent = app.order(afterShipping);
        assertThat(sent.at("/invoice/recycleReason").asText()).isEqualTo("BUYER_CANCEL");
        assertThat(sent.at("/invoice/deliveryStatus").asText()).isEqualTo("SENT");
        assertThat(sent.get("reviewReasons").get(0).asText()).isEqualTo("CANCEL_AFTER_SENT");

        JsonNode undelivered = app.order(failed);
        assertThat(undelivered.get("stage").asText()).isEqualTo("FAILED_DELIVERY");
        assertThat(undelivered.get("tab").asText()).isEqualTo("CANCELED");
        assertThat(undelivered.at("/invoice/recycleReason").asText()).isEqualTo("FAILED_DELIVERY");

        JsonNode canceledTab = app.json("/api/orders?tab=CANCELED&limit=50");
        assertThat(canceledTab.get("total").asInt()).isEqualTo(4);
    }

    @Test
    void aPartialCancelRemovesTheLineAndRecomputesTheTotal() {
        String id = lazada.createOrder(SandboxOrderSpec.builder()
                .item(SandboxItemSpec.of("A", "Apple", "100.00").withShippingAmount(new BigDecimal("5.00")))
                .item(SandboxItemSpec.of("B", "Banana", "250.00").withShippingAmount(new BigDecimal("5.00")))
                .status("pending").build());
        app.pollNow();
        assertThat(app.order(id).at("/invoice/total").asText()).isEqualTo("360.00");

        String apple = lazada.order(id).items().stream().filter(i -> "A".equals(i.sku())).findFirst().orElseThrow().orderItemId();
        lazadaClock.tick();
        lazada.setItemStatus(id, apple, "canceled", "cancellation-customer");
        app.pollNow();

        JsonNode o = app.order(id);
        assertThat(o.get("stage").asText()).isEqualTo("PAID");
        assertThat(o.get("lazadaStatuses")).extracting(JsonNode::asText).containsExactly("canceled", "pending");
        assertThat(o.at("/invoice/total").asText()).isEqualTo("255.00");
        assertThat(o.at("/invoice/recycled").asBoolean()).isFalse();
        JsonNode appleLine = o.at("/invoice/lines").findParents("sku").stream().filter(l -> "A".equals(l.get("sku").asText())).findFirst().orElseThrow();
        assertThat(appleLine.get("canceled").asBoolean()).isTrue();
        assertThat(appleLine.get("status").asText()).isEqualTo("canceled");
        assertThat(events(id)).containsExactly("CREATE_INVOICE", "REMOVE_LINE");
        assertThat(o.get("manualReview").asBoolean()).isFalse();
    }

    @Test
    void anOrderFirstSeenDeliveredIsSentAndPaidWithThreeEvents() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(3).status("delivered").build());
        app.pollNow();
        JsonNode o = app.order(id);
        assertThat(o.get("tab").asText()).isEqualTo("IN_DELIVERY");
        assertThat(o.get("salesOrder").isNull()).isTrue();
        assertThat(o.at("/invoice/deliveryStatus").asText()).isEqualTo("SENT");
        assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("PAID");
        assertThat(events(id)).containsExactly("CREATE_INVOICE", "MARK_SENT", "ADD_PAYMENT");
        JsonNode first = app.json("/api/orders/" + id + "/events").get(0);
        assertThat(first.get("source").asText()).isEqualTo("poll");
        assertThat(first.get("at").asText()).endsWith("Z");
    }

    @Test
    void anUnknownStatusHoldsTheOrderInUnmapped() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        app.pollNow();
        lazadaClock.tick();
        lazada.setOrderStatus(id, "teleported");
        app.pollNow();
        JsonNode o = app.order(id);
        assertThat(o.get("stage").asText()).isEqualTo("UNMAPPED");
        assertThat(o.get("tab").asText()).isEqualTo("UNMAPPED");
        assertThat(o.at("/invoice/deliveryStatus").asText()).isEqualTo("UNSENT");
        assertThat(o.get("reviewReasons").get(0).asText()).isEqualTo("UNMAPPED_STATUS");
        assertThat(app.json("/api/orders?tab=UNMAPPED").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void unknownOrdersAnswer404AndBadTabs400() {
        assertThat(app.get("/api/orders/424242").statusCode()).isEqualTo(404);
        assertThat(app.get("/api/orders/424242/events").statusCode()).isEqualTo(404);
        assertThat(app.get("/api/orders?tab=NOPE").statusCode()).isEqualTo(400);
        assertThat(app.get("/observe/health").body()).contains("UP");
    }
}
