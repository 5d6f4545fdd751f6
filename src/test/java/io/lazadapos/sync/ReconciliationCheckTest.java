package io.lazadapos.sync;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lazadapos.flow.StatusMapping;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.ledger.LedgerDocuments.OrderDocuments;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationCheckTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private final ReconciliationCheck check = new ReconciliationCheck(StatusMapping.standard());

    private static LazadaOrder lazada(Instant updated, String... statuses) {
        return new LazadaOrder("1", "1", T.minusSeconds(3600), updated, List.of(statuses), 1, BigDecimal.TEN, BigDecimal.ZERO,
                BigDecimal.ZERO, "COD", false, false);
    }

    private static OrderDocuments ledger(Instant updated, String statuses, String stage, String so, String delivery, String payment,
            Boolean recycled) {
        return new OrderDocuments("1", updated, statuses, stage, so, delivery, payment, recycled);
    }

    @Test
    void findsMissingOrdersOrdersBehindAndDocumentsThatDoNotFitTheStage() {
        assertThat(check.compare(lazada(T, "shipped"), null)).isEqualTo(ReconciliationCheck.Finding.MISSING);
        assertThat(check.compare(lazada(T, "shipped"), ledger(T.minusSeconds(1), "packed", "READY_TO_SHIP", null, "UNSENT", "UNPAID", false)))
                .isEqualTo(ReconciliationCheck.Finding.WRONG_STATUS);
        assertThat(check.compare(lazada(T, "shipped"), ledger(T, "packed", "READY_TO_SHIP", null, "UNSENT", "UNPAID", false)))
                .isEqualTo(ReconciliationCheck.Finding.WRONG_STATUS);
        assertThat(check.compare(lazada(T, "shipped"), ledger(T, "shipped", "SHIPPED", null, "UNSENT", "UNPAID", false)))
                .as("shipped but the invoice not sent").isEqualTo(ReconciliationCheck.Finding.WRONG_STAGE);
        assertThat(check.compare(lazada(T, "shipped"), ledger(T, "shipped", "READY_TO_SHIP", null, "UNSENT", "UNPAID", false)))
                .as("a stage the mapping does not give").isEqualTo(ReconciliationCheck.Finding.WRONG_STAGE);
    }

    @Test
    void aSoundLedgerOrOneAheadOfTheListingIsFine() {
        assertThat(check.compare(lazada(T, "shipped"), ledger(T, "shipped", "SHIPPED", "CONVERTED", "SENT", "UNPAID", false))).isNull();
        assertThat(check.compare(lazada(T, "shipped"), ledger(T.plusSeconds(5), "delivered", "DELIVERED", null, "SENT", "PAID", false)))
                .isNull();
        assertThat(check.compare(lazada(T, "unpaid"), ledger(T, "unpaid", "AWAITING_PAYMENT", "OPEN", null, null, null))).isNull();
        assertThat(check.compare(lazada(T, "canceled"), ledger(T, "canceled", "CANCELED", "VOID", null, null, null))).isNull();
        assertThat(check.compare(lazada(T, "canceled", "delivered"), ledger(T, "canceled,delivered", "DELIVERED", null, "SENT", "PAID", false)))
                .isNull();
        assertThat(check.compare(lazada(T, "delivered"), ledger(T, "delivered", "RETURNED", null, "SENT", "PAID", false)))
                .as("a return Lazada still shows as delivered").isNull();
        assertThat(check.compare(lazada(T, "in_transit"), ledger(T, "in_transit", "UNMAPPED", null, null, null, null))).isNull();
    }
}
