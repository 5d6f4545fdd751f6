package io.lazadapos.flow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecycleReasonTest {

    @ParameterizedTest
    @CsvSource({
            "cancellation-customer, BUYER_CANCEL",
            "buyer-cancel, BUYER_CANCEL",
            "cancellation-seller, SELLER_CANCEL",
            "cancellation-internal, SYSTEM_CANCEL",
            "customer service-cancel, SYSTEM_CANCEL",
            "system-cancel, SYSTEM_CANCEL",
            "cancellation-failed Delivery, FAILED_DELIVERY",
            "something-new, SYSTEM_CANCEL",
            "'', SYSTEM_CANCEL",
    })
    void readsLazadasInitiators(String initiator, RecycleReason reason) {
        assertThat(RecycleReason.ofInitiator(initiator)).isEqualTo(reason);
    }
}
