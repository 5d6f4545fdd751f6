package io.lazadapos.it;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The odd orders, over real HTTP and a real ledger: returns and refund-only requests through Lazada's
 * reverse orders, buyer cancel requests, amounts that do not add up, unknown statuses released
 * by configuration, and business dates in the seller's zone.
 */
class OddOrdersTest {

    private static RunningApp app(TestClock clock) {
        return RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", clock));
    }

    private static JsonNode onlyCase(JsonNode order) {
        assertThat(order.get("returnCases")).hasSize(1);
        return order.get("returnCases").get(0);
    }

    private static String reviewDetail(RunningApp app, String orderId, String reason) {
        return app.jdbc().queryForObject("SELECT detail FROM review WHERE order_id = ? AND reason = ?", String.class, orderId, reason);
    }

    @Test
    void aReturnReachesComplainedWithItsCaseAndClosesWhenRefunded() {
        TestClock clock = TestClock.anHourAgo();
        try (RunningApp app = app(clock)) {
            LazadaSandbox lazada = app.sandbox();
            String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("delivered").build());
            app.pollNow();
            String item = lazada.order(id).items().get(0).orderItemId();
            BigDecimal paid = lazada.order(id).items().get(0).paidPrice();

            clock.tick();
            lazada.setItemStatus(id, item, "returned");
            app.pollNow();
            JsonNode o = app.order(id);
            assertThat(o.get("stage").asText()).isEqualTo("RETURNED");
            assertThat(o.get("tab").asText()).isEqualTo("COMPLAINED");
            assertThat(o.at("/invoice/deliveryStatus").asText()).isEqualTo("SENT");
            assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("PAID");
            assertThat(o.at("/invoice/recycled").asBoolean()).isFalse();
            assertThat(o.get("reviewReasons").get(0).asText()).isEqualTo("RETURN_REQUESTED");
            JsonNode c = onlyCase(o);
            assertThat(c.get("requestType").asText()).isEqualTo("RETURN");
            assertThat(c.get("state").asText()).isEqualTo("OPEN");
            assertThat(c.get("reverseStatus").asText()).isEqualTo("REQUEST_INITIATE");
            // Lazada sends the refund in cents (IDR here): the case keeps major units.
            assertThat(new BigDecimal(c.get("refundAmount").asText())).isEqualByComparingTo(paid);
            assertThat(c.get("reason").asText()).isNotBlank();
            assertThat(c.get("lines").get(0).get("orderItemId").asText()).isEqualTo(item);
            assertThat(reviewDetail(app, id, "RETURN_REQUESTED")).contains("REQUEST_INITIATE").contains(item);

            clock.tick();
            lazada.setReverseStatus(id, item, "REFUND_SUCCESS");
            app.pollNow();
            o = app.order(id);
            c = onlyCase(o);
            assertThat(c.get("state").asText()).isEqualTo("REFUNDED");
            assertThat(c.get("closedAt").isNull()).isFalse();
            assertThat(o.get("stage").asText()).isEqualTo("RETURNED");
            assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("PAID");
            assertThat(reviewDetail(app, id, "RETURN_REQUESTED")).contains("closed: refunded");
            assertThat(app.json("/api/orders/" + id + "/events").findValuesAsText("type"))
                    .containsExactly("CREATE_INVOICE", "MARK_SENT", "ADD_PAYMENT", "OPEN_REVIEW");
        }
    }

    @Test
    void aRefundOnlyRequestOnADeliveredItemReachesComplainedThroughTheReverseOrder() {
        TestClock clock = TestClock.anHourAgo();
        try (RunningApp app = app(clock)) {
            LazadaSandbox lazada = app.sandbox();
            String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("delivered").build());
            app.pollNow();
            clock.tick();
            lazada.requestRefund(id, null);
            assertThat(lazada.order(id).statuses()).containsExactly("delivered");
            app.pollNow();
            JsonNode o = app.order(id);
            assertThat(o.get("lazadaStatuses")).extracting(JsonNode::asText).containsExactly("delivered");
            assertThat(o.get("stage").asText()).isEqualTo("RETURNED");
            assertThat(o.get("tab").asText()).isEqualTo("COMPLAINED");
            assertThat(onlyCase(o).get("requestType").asText()).isEqualTo("ONLY_REFUND");

            // The buyer withdraws the request: the case closes, the review says so, the goods count as delivered again.
            clock.tick();
            lazada.setReverseStatus(id, null, "REQUEST_CANCEL");
            app.pollNow();
            o = app.order(id);
            assertThat(onlyCase(o).get("state").asText()).isEqualTo("CANCELLED");
            assertThat(o.get("stage").asText()).isEqualTo("DELIVERED");
            assertThat(reviewDetail(app, id, "RETURN_REQUESTED")).contains("cancelled the request");
            assertThat(o.get("reviewReasons").get(0).asText()).isEqualTo("RETURN_REQUESTED");
            assertThat(o.at("/invoice/paymentStatus").asText()).isEqualTo("PAID");
        }
    }

    @Test
    void aBuyerCancelRequestWaitsInTheReviewQueueWithItsDeadline() {
        TestClock clock = TestClock.anHourAgo();
        try (RunningApp app = app(clock)) {
            LazadaSandbox lazada = app.sandbox();
            String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
            app.pollNow();
            clock.tick();
            Instant deadline = clock.instant().plus(Duration.ofHours(20));
            lazada.setBuyerCancelRequest(id, deadline);
            app.pollNow();
            JsonNode o = app.order(id);
            assertThat(o.get("reviewReasons")).extracting(JsonNode::asText).containsExactly("BUYER_CANCEL_REQUEST");
            assertThat(o.get("tab").asText()).isEqualTo("NEW_ORDER");
            OffsetDateTime due = app.jdbc().queryForObject("SELECT due_at FROM review WHERE order_id = ?", OffsetDateTime.class, id);
            assertThat(due.toInstant()).isEqualTo(deadline);
            assertThat(reviewDetail(app, id, "BUYER_CANCEL_REQUEST")).contains(deadline.toString());
        }
    }

    @Test
    void anAmountThatDoesNotAddUpIsInvoicedAndReviewed() {
        TestClock clock = TestClock.anHourAgo();
        try (RunningApp app = app(clock)) {
            LazadaSandbox lazada = app.sandbox();
            String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending")
                    .amountMismatch(new BigDecimal("1500.00")).build());
            app.pollNow();
            JsonNode o = app.order(id);
            assertThat(o.at("/invoice/total").asText()).isNotBlank();
            assertThat(new BigDecimal(o.at("/invoice/total").asText())).isEqualByComparingTo(lazada.order(id).itemsTotal());
            assertThat(o.get("reviewReasons")).extracting(JsonNode::asText).containsExactly("AMOUNT_MISMATCH");
            assertThat(reviewDetail(app, id, "AMOUNT_MISMATCH")).contains(lazada.order(id).buyerPaid().toPlainString());
            assertThat(o.at("/invoice/currency").asText()).isEqualTo("IDR");
        }
    }

    @Test
    void anOrderPlacedAt2330LocalTimeIsDatedThatLocalDay() {
        TestClock clock = TestClock.anHourAgo();
        try (RunningApp app = app(clock)) {
            LazadaSandbox lazada = app.sandbox();
            Instant lateEvening = clock.instant().atOffset(java.time.ZoneOffset.ofHours(7)).minusDays(1)
                    .withHour(23).withMinute(30).withSecond(0).toInstant();
            String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").createdAt(lateEvening).build());
            app.pollNow();
            String expected = lateEvening.atOffset(java.time.ZoneOffset.ofHours(7)).toLocalDate().toString();
            assertThat(app.order(id).get("businessDate").asText()).isEqualTo(expected);
            assertThat(lateEvening.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString()).isEqualTo(expected);
            OffsetDateTime stored = app.jdbc().queryForObject("SELECT created_at FROM pos_order WHERE order_id = ?", OffsetDateTime.class, id);
            assertThat(stored.toInstant()).isEqualTo(lateEvening);
        }
    }

    @Test
    void aStatusMappedInConfigurationReleasesTheHeldOrdersOnRestart(@TempDir Path dir) {
        TestClock clock = TestClock.anHourAgo();
        try (LazadaSandbox lazada = LazadaSandbox.start(SandboxSettings.defaults().withClock(clock))) {
            Map<String, String> settings = RunningApp.defaults();
            settings.putAll(TestDatabase.durable(dir));
            settings.put("lazada.api-url", lazada.baseUrl());
            settings.put("lazada.country", "ID");
            settings.put("lazada.app-key", lazada.settings().appKey());
            settings.put("lazada.app-secret", lazada.settings().appSecret());
            settings.put("lazada.access-token", lazada.settings().accessToken());
            String held = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
            String other = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
            clock.tick();
            lazada.setOrderStatus(held, "in_transit");
            try (RunningApp app = RunningApp.start(settings)) {
                app.pollNow();
                assertThat(app.order(held).get("stage").asText()).isEqualTo("UNMAPPED");
                assertThat(app.order(held).get("invoice").isNull()).isTrue();
                assertThat(app.order(held).get("reviewReasons")).extracting(JsonNode::asText).containsExactly("UNMAPPED_STATUS");
                assertThat(app.order(other).get("stage").asText()).isEqualTo("PAID");
                assertThat(app.json("/api/orders?tab=UNMAPPED").get("total").asInt()).isEqualTo(1);
            }

            settings.put("pos.status-mapping.extra", "in_transit=SHIPPED");
            settings.put("lazada.poll-delay", "100");
            try (RunningApp app = RunningApp.start(settings)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(app.order(held).get("stage").asText()).isEqualTo("SHIPPED"));
                JsonNode o = app.order(held);
                assertThat(o.get("tab").asText()).isEqualTo("IN_DELIVERY");
                assertThat(o.at("/invoice/deliveryStatus").asText()).isEqualTo("SENT");
                assertThat(o.get("reviewReasons")).isEmpty();
                assertThat(app.json("/api/orders/" + held + "/events").findValuesAsText("type"))
                        .containsExactly("OPEN_REVIEW", "CREATE_INVOICE", "MARK_SENT", "RESOLVE_REVIEW");
                assertThat(app.json("/api/orders?tab=UNMAPPED").get("total").asInt()).isZero();
            }
        }
    }
}
