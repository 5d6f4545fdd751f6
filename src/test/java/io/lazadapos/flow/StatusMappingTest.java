package io.lazadapos.flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every row of the status table of pos-flow.md. */
class StatusMappingTest {

    @ParameterizedTest
    @CsvSource({
            "unpaid, AWAITING_PAYMENT, UNPAID",
            "pending, PAID, NEW_ORDER",
            "repacked, PAID, NEW_ORDER",
            "packed, READY_TO_SHIP, NEW_ORDER",
            "ready_to_ship_pending, READY_TO_SHIP, NEW_ORDER",
            "ready_to_ship, READY_TO_SHIP, NEW_ORDER",
            "topack, READY_TO_SHIP, NEW_ORDER",
            "toship, READY_TO_SHIP, NEW_ORDER",
            "shipped, SHIPPED, IN_DELIVERY",
            "shipping, SHIPPED, IN_DELIVERY",
            "delivered, DELIVERED, IN_DELIVERY",
            "confirmed, DELIVERED, IN_DELIVERY",
            "canceled, CANCELED, CANCELED",
            "failed_delivery, FAILED_DELIVERY, CANCELED",
            "failed, FAILED_DELIVERY, CANCELED",
            "shipped_back, FAILED_DELIVERY, CANCELED",
            "shipped_back_success, FAILED_DELIVERY, CANCELED",
            "shipped_back_failed, FAILED_DELIVERY, CANCELED",
            "package_scrapped, FAILED_DELIVERY, CANCELED",
            "lost, FAILED_DELIVERY, CANCELED",
            "lost_by_3pl, FAILED_DELIVERY, CANCELED",
            "damaged_by_3pl, FAILED_DELIVERY, CANCELED",
            "returned, RETURNED, COMPLAINED",
            "in_transit, UNMAPPED, UNMAPPED",
            "'', UNMAPPED, UNMAPPED",
    })
    void mapsEveryStatusToItsStageAndTab(String status, Stage stage, Tab tab) {
        Stage s = StatusMapping.standard().stageOf(status);
        assertThat(s).isEqualTo(stage);
        assertThat(s.tab()).isEqualTo(tab);
    }

    @Test
    void statusesAreCaseAndSpaceInsensitive() {
        assertThat(StatusMapping.standard().stageOf(" Ready_To_Ship ")).isEqualTo(Stage.READY_TO_SHIP);
        assertThat(StatusMapping.standard().stageOf(null)).isEqualTo(Stage.UNMAPPED);
    }

    @Test
    void configurationExtendsTheTable() {
        StatusMapping m = StatusMapping.withExtra("in_transit=SHIPPED, picked_up:shipped");
        assertThat(m.stageOf("in_transit")).isEqualTo(Stage.SHIPPED);
        assertThat(m.stageOf("picked_up")).isEqualTo(Stage.SHIPPED);
        assertThat(m.stageOf("pending")).isEqualTo(Stage.PAID);
        assertThat(StatusMapping.withExtra("").table()).isEqualTo(StatusMapping.standard().table());
        assertThatThrownBy(() -> StatusMapping.withExtra("x=NOWHERE")).hasMessageContaining("NOWHERE");
        assertThatThrownBy(() -> StatusMapping.withExtra("justastatus")).hasMessageContaining("status=STAGE");
    }
}
