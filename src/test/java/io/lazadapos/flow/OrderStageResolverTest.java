package io.lazadapos.flow;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders whose items disagree (pos-flow.md, rules 1 to 5). */
class OrderStageResolverTest {

    private final OrderStageResolver resolver = new OrderStageResolver(StatusMapping.standard());

    private static Map<String, String> items(String... idStatus) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < idStatus.length; i += 2) {
            m.put(idStatus[i], idStatus[i + 1]);
        }
        return m;
    }

    @Test
    void anUnknownStatusHoldsTheWholeOrder() {
        StageDerivation d = resolver.derive(items("1", "delivered", "2", "teleported"));
        assertThat(d.stage()).isEqualTo(Stage.UNMAPPED);
        assertThat(d.unmappedStatuses()).containsExactly("teleported");
        assertThat(d.removedLines()).isEmpty();
    }

    @Test
    void cancelledItemsLeaveTheDocumentWhileOthersRemain() {
        StageDerivation d = resolver.derive(items("1", "canceled", "2", "pending"));
        assertThat(d.stage()).isEqualTo(Stage.PAID);
        assertThat(d.removedLines()).containsExactly(Map.entry("1", LineRemoval.CANCELED));
    }

    @Test
    void allCancelledIsCanceledWithLinesKept() {
        StageDerivation d = resolver.derive(items("1", "canceled", "2", "canceled"));
        assertThat(d.stage()).isEqualTo(Stage.CANCELED);
        assertThat(d.removedLines()).isEmpty();
    }

    @Test
    void anyReturnedRemainingItemMakesTheOrderReturned() {
        StageDerivation d = resolver.derive(items("1", "delivered", "2", "returned", "3", "canceled"));
        assertThat(d.stage()).isEqualTo(Stage.RETURNED);
        assertThat(d.returnedItems()).containsExactly("2");
        assertThat(d.removedLines()).containsOnlyKeys("3");
    }

    @Test
    void allRemainingFailedIsFailedDelivery() {
        StageDerivation d = resolver.derive(items("1", "failed_delivery", "2", "shipped_back", "3", "canceled"));
        assertThat(d.stage()).isEqualTo(Stage.FAILED_DELIVERY);
        assertThat(d.removedLines()).containsOnlyKeys("3");
        assertThat(d.partialFailedDelivery()).isFalse();
    }

    @Test
    void someFailedLeaveTheInvoiceAndTheRestDecides() {
        StageDerivation d = resolver.derive(items("1", "failed_delivery", "2", "delivered"));
        assertThat(d.stage()).isEqualTo(Stage.DELIVERED);
        assertThat(d.removedLines()).containsExactly(Map.entry("1", LineRemoval.FAILED_DELIVERY));
        assertThat(d.partialFailedDelivery()).isTrue();
    }

    @Test
    void theLeastAdvancedRemainingItemDecides() {
        assertThat(resolver.derive(items("1", "shipped", "2", "ready_to_ship")).stage()).isEqualTo(Stage.READY_TO_SHIP);
        assertThat(resolver.derive(items("1", "delivered", "2", "shipped")).stage()).isEqualTo(Stage.SHIPPED);
        assertThat(resolver.derive(items("1", "delivered", "2", "confirmed")).stage()).isEqualTo(Stage.DELIVERED);
        assertThat(resolver.derive(items("1", "unpaid", "2", "unpaid")).stage()).isEqualTo(Stage.AWAITING_PAYMENT);
        assertThat(resolver.derive(items("1", "pending", "2", "packed", "3", "delivered")).stage()).isEqualTo(Stage.PAID);
    }

    @Test
    void cancelledAndUnpaid() {
        StageDerivation d = resolver.derive(items("1", "unpaid", "2", "canceled"));
        assertThat(d.stage()).isEqualTo(Stage.AWAITING_PAYMENT);
        assertThat(d.removedLines()).containsOnlyKeys("2");
    }
}
