package io.lazadapos.flow;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

import static org.assertj.core.api.Assertions.assertThat;

/** Money, reviews, business dates and stale/duplicate snapshots. */
class OrderPlannerTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private final OrderPlanner planner = new OrderPlanner(new OrderStageResolver(StatusMapping.standard()),
            ZoneOffset.ofHours(7), "IDR", Clock.fixed(T, ZoneOffset.UTC));

    static LazadaOrderItem item(String id, String status, String paid, String shipping) {
        return new LazadaOrderItem(id, status, "SKU-" + id, null, "Item " + id, null, new BigDecimal(paid), new BigDecimal(paid),
                new BigDecimal(shipping), BigDecimal.ZERO, "IDR", null, null, false, false, null, null, null, T, T);
    }

    static OrderSnapshot snapshot(Instant updatedAt, String price, String voucher, String shippingFee, LazadaOrderItem... items) {
        LazadaOrder order = new LazadaOrder("1001", "N1001", Instant.parse("2026-11-29T16:30:00Z"), updatedAt, List.of(), items.length,
                new BigDecimal(price), new BigDecimal(voucher), new BigDecimal(shippingFee), "COD", false, false);
        return new OrderSnapshot("s1", order, List.of(items), "poll");
    }

    @Test
    void totalsAreDecimalAndAMatchingOrderNeedsNoReview() {
        OrderPlan p = planner.plan(snapshot(T, "300.10", "0.10", "20.00",
                item("1", "pending", "100.00", "10.00"), item("2", "pending", "200.00", "10.00")), LedgerState.NONE);
        assertThat(p.stage()).isEqualTo(Stage.PAID);
        assertThat(p.expectedTotal()).isEqualByComparingTo("320.00");
        assertThat(p.reviews()).isEmpty();
        assertThat(p.lines()).hasSize(2);
        assertThat(p.invoiceNumber()).isEqualTo("INV-N1001");
    }

    @Test
    void anAmountThatDoesNotAddUpOpensAReview() {
        OrderPlan p = planner.plan(snapshot(T, "300.00", "0", "20.00",
                item("1", "pending", "100.00", "10.00"), item("2", "pending", "199.99", "10.00")), LedgerState.NONE);
        assertThat(p.reviews()).extracting(r -> r.get("reason")).containsExactly("AMOUNT_MISMATCH");
    }

    @Test
    void noMismatchCheckOnceLinesWereRemoved() {
        OrderPlan p = planner.plan(snapshot(T, "300.00", "0", "20.00",
                item("1", "canceled", "100.00", "10.00"), item("2", "pending", "200.00", "10.00")), LedgerState.NONE);
        assertThat(p.reviews()).isEmpty();
        assertThat(p.removedLines()).extracting(r -> r.get("orderItemId")).containsExactly("1");
    }

    @Test
    void theBusinessDateIsTheSellersLocalDay() {
        // 2026-11-29T16:30Z is 23:30 in Jakarta on the 29th.
        OrderPlan p = planner.plan(snapshot(T, "100", "0", "0", item("1", "unpaid", "100", "0")), LedgerState.NONE);
        assertThat(p.businessDate()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(p.createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void olderSnapshotsAreStaleAndTheSameOneIsADuplicate() {
        OrderSnapshot s = snapshot(T, "100", "0", "0", item("1", "pending", "100", "0"));
        OrderPlan first = planner.plan(s, LedgerState.NONE);
        LedgerState applied = new LedgerState(true, T, first.fingerprint(), first.progress(), "PAID", null, true, false, false, false, java.util.Set.of(), 0, Map.of(), Map.of());
        assertThat(planner.plan(s, applied).skip()).isEqualTo(OrderPlan.Skip.DUPLICATE);
        assertThat(planner.plan(snapshot(T.minusSeconds(1), "100", "0", "0", item("1", "shipped", "100", "0")), applied).skip())
                .isEqualTo(OrderPlan.Skip.STALE);
        assertThat(planner.plan(snapshot(T, "100", "0", "0", item("1", "shipped", "100", "0")), applied).skip())
                .isEqualTo(OrderPlan.Skip.NONE);
        assertThat(planner.plan(snapshot(T.plusSeconds(1), "100", "0", "0", item("1", "pending", "100", "0")), applied).skip())
                .isEqualTo(OrderPlan.Skip.NONE);
        // Lazada's updated_at has seconds only: within one second, the snapshot whose items went further wins.
        OrderPlan shipped = planner.plan(snapshot(T, "100", "0", "0", item("1", "shipped", "100", "0")), LedgerState.NONE);
        LedgerState appliedShipped = new LedgerState(true, T, shipped.fingerprint(), shipped.progress(), "SHIPPED", null, true, true, false, false, java.util.Set.of(), 0, Map.of(), Map.of());
        assertThat(planner.plan(s, appliedShipped).skip()).isEqualTo(OrderPlan.Skip.STALE);
    }

    @Test
    void cancelReasonsAndReviews() {
        LazadaOrderItem buyerCancel = new LazadaOrderItem("1", "canceled", "A", null, "A", null, BigDecimal.TEN, BigDecimal.TEN,
                BigDecimal.ZERO, BigDecimal.ZERO, "IDR", "cancellation-customer", null, false, false, null, null, null, T, T);
        OrderPlan unsent = planner.plan(snapshot(T, "10", "0", "0", buyerCancel), LedgerState.NONE);
        assertThat(unsent.recycleReason()).isEqualTo("BUYER_CANCEL");
        assertThat(unsent.reviews()).isEmpty();
        LedgerState sent = new LedgerState(true, T.minusSeconds(60), "x", 4, "SHIPPED", null, true, true, false, false, java.util.Set.of(), 0, Map.of(), Map.of());
        OrderPlan afterSent = planner.plan(snapshot(T, "10", "0", "0", buyerCancel), sent);
        assertThat(afterSent.cancelAfterSent()).isTrue();
        assertThat(afterSent.reviews()).extracting(r -> r.get("reason")).containsExactly("CANCEL_AFTER_SENT");
    }

    @Test
    void returnsPartialFailuresBuyerRequestsAndUnknownStatusesOpenReviews() {
        assertThat(reasons(planner.plan(snapshot(T, "20", "0", "0", item("1", "returned", "10", "0"), item("2", "delivered", "10", "0")),
                LedgerState.NONE))).containsExactly("RETURN_REQUESTED");
        assertThat(reasons(planner.plan(snapshot(T, "20", "0", "0", item("1", "failed_delivery", "10", "0"), item("2", "delivered", "10", "0")),
                LedgerState.NONE))).containsExactly("PARTIAL_FAILED_DELIVERY");
        assertThat(reasons(planner.plan(snapshot(T, "20", "0", "0", item("1", "beamed_up", "10", "0"), item("2", "delivered", "10", "0")),
                LedgerState.NONE))).containsExactly("UNMAPPED_STATUS");
        LazadaOrderItem asking = new LazadaOrderItem("1", "pending", "A", null, "A", null, BigDecimal.TEN, BigDecimal.TEN,
                BigDecimal.ZERO, BigDecimal.ZERO, "IDR", null, null, true, true, T.plusSeconds(3600), null, null, T, T);
        OrderPlan p = planner.plan(snapshot(T, "10", "0", "0", asking), LedgerState.NONE);
        assertThat(reasons(p)).containsExactly("BUYER_CANCEL_REQUEST");
        assertThat(p.reviews().get(0).get("dueAt")).isNotNull();
    }

    @Test
    void fingerprintIgnoresItemOrder() {
        OrderSnapshot a = snapshot(T, "2", "0", "0", item("1", "pending", "1", "0"), item("2", "packed", "1", "0"));
        OrderSnapshot b = snapshot(T, "2", "0", "0", item("2", "packed", "1", "0"), item("1", "pending", "1", "0"));
        OrderSnapshot c = snapshot(T, "2", "0", "0", item("1", "packed", "1", "0"), item("2", "packed", "1", "0"));
        assertThat(planner.plan(a, LedgerState.NONE).fingerprint()).isEqualTo(planner.plan(b, LedgerState.NONE).fingerprint());
        assertThat(planner.plan(a, LedgerState.NONE).fingerprint()).isNotEqualTo(planner.plan(c, LedgerState.NONE).fingerprint());
    }

    @Test
    void aDeliveredItemUnderAnOpenReturnCountsAsReturned() {
        OrderSnapshot s = snapshot(T, "20", "0", "0", item("1", "delivered", "10", "0"), item("2", "delivered", "10", "0"));
        OrderPlan plain = planner.plan(s, LedgerState.NONE);
        assertThat(plain.stage()).isEqualTo(Stage.DELIVERED);
        LedgerState withReturn = LedgerState.fromRows(null, List.of(Map.of("ORDER_ITEM_ID", "2")));
        OrderPlan returned = planner.plan(s, withReturn);
        assertThat(returned.stage()).isEqualTo(Stage.RETURNED);
        assertThat(reasons(returned)).containsExactly("RETURN_REQUESTED");
        assertThat(returned.fingerprint()).isNotEqualTo(plain.fingerprint());
        assertThat(returned.progress()).isEqualTo(plain.progress());
    }

    private static List<Object> reasons(OrderPlan p) {
        return p.reviews().stream().map((Map<String, Object> r) -> r.get("reason")).toList();
    }
}
