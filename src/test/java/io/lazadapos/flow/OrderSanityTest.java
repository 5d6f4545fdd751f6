package io.lazadapos.flow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Absurd orders are refused with every reason spelled out; real ones pass untouched. */
class OrderSanityTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private final OrderSanity sanity = new OrderSanity("IDR");

    private static LazadaOrderItem item(String id, String paid, String shipping, String currency) {
        return new LazadaOrderItem(id, "pending", "SKU-" + id, null, "Item", null, new BigDecimal(paid), new BigDecimal(paid),
                new BigDecimal(shipping), BigDecimal.ZERO, currency, null, null, false, false, null, null, null, NOW, NOW);
    }

    private static OrderSnapshot order(String id, Instant updated, String shippingFee, LazadaOrderItem... items) {
        return new OrderSnapshot("s1", new LazadaOrder(id, id, NOW.minusSeconds(3600), updated, List.of("pending"), items.length,
                new BigDecimal("100000"), BigDecimal.ZERO, new BigDecimal(shippingFee), "COD", false, false), List.of(items), "poll");
    }

    @Test
    void aRealOrderPasses() {
        assertThat(sanity.problems(order("1", NOW, "9000", item("1", "100000.00", "9000", "IDR"), item("2", "0", "0", null)), NOW))
                .isEmpty();
        // The order's own shipping fee only checks the items' sum: a mismatch is a review, not a dead letter.
        assertThat(sanity.problems(order("1", NOW, "-19000.00", item("1", "100000.00", "9000", "idr")), NOW)).isEmpty();
    }

    @Test
    void everyProblemIsNamed() {
        OrderSnapshot absurd = order("9".repeat(70), NOW.plus(Duration.ofDays(2)), "0",
                item("1", "-5.00", "0", "IDR"),
                item("2", "2000000000000", "0", "IDR"),
                item("3", "10.005", "0", "IDR"),
                item("4", "10", "-1", "XYZ"),
                item("5", "10", "0", "USD"),
                item("5", "10", "0", "IDR"));
        assertThat(sanity.problems(absurd, NOW)).containsExactly(
                "order_id is longer than 64 characters",
                "order_number is longer than 64 characters",
                "updated_at 2026-12-02T10:00:00Z is in the future",
                "item 1 paid_price is negative (-5.00)",
                "item 2 paid_price is absurdly large (2000000000000)",
                "item 3 paid_price has fractions of a cent (10.005)",
                "item 4 shipping_amount is negative (-1)",
                "item 4 has an unknown currency 'XYZ'",
                "item 5 is in USD, not in the seller's currency IDR",
                "item 5 appears twice");
        assertThatThrownBy(() -> sanity.check(absurd, NOW)).isInstanceOf(OrderSanity.ImplausibleOrder.class)
                .hasMessageStartingWith("implausible order 999").hasMessageContaining("item 1 paid_price is negative");
    }

    @Test
    void aLittleClockSkewIsFine() {
        assertThat(sanity.problems(order("1", NOW.plus(Duration.ofMinutes(30)), "0", item("1", "1", "0", "IDR")), NOW)).isEmpty();
    }
}
