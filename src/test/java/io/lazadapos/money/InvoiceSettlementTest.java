package io.lazadapos.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lazadapos.money.InvoiceSettlement.Line;
import io.lazadapos.money.InvoiceSettlement.StatementFacts;

import static io.lazadapos.money.FeeKind.FEE;
import static io.lazadapos.money.FeeKind.ITEM_PRICE;
import static io.lazadapos.money.FeeKind.REFUND;
import static io.lazadapos.money.FeeKind.SHIPPING_CREDIT;
import static org.assertj.core.api.Assertions.assertThat;

/** The settlement rules: gross, fees, refunds, net; settled once every statement holding a line is paid. */
class InvoiceSettlementTest {

    private static final Instant W48 = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant W49 = Instant.parse("2026-12-07T00:00:00Z");

    private static Line line(FeeKind kind, String amount, String statement) {
        return new Line(kind, new BigDecimal(amount), statement);
    }

    private static final List<Line> SALE = List.of(
            line(ITEM_PRICE, "100.00", "W48"), line(SHIPPING_CREDIT, "5.00", "W48"),
            line(FEE, "-4.00", "W48"), line(FEE, "-2.10", "W48"), line(FEE, "-5.00", "W48"));

    @Test
    void awaitingPayoutUntilItsStatementIsPaidThenSettledWithTheNet() {
        InvoiceSettlement awaiting = InvoiceSettlement.of(new BigDecimal("105.00"), false, SALE,
                Map.of("W48", new StatementFacts(false, W48, null)));
        assertThat(awaiting.status()).isEqualTo(InvoiceSettlement.Status.AWAITING_PAYOUT);
        assertThat(awaiting.statement()).isNull();
        assertThat(awaiting.gross()).isEqualByComparingTo("105.00");
        assertThat(awaiting.fees()).isEqualByComparingTo("-11.10");
        assertThat(awaiting.net()).isEqualByComparingTo("93.90");

        InvoiceSettlement settled = InvoiceSettlement.of(new BigDecimal("105.00"), false, SALE,
                Map.of("W48", new StatementFacts(true, W48, null)));
        assertThat(settled.status()).isEqualTo(InvoiceSettlement.Status.SETTLED);
        assertThat(settled.statement()).isEqualTo("W48");
        assertThat(settled.mismatches()).isEmpty();
    }

    @Test
    void aReturnAfterSettlementAwaitsItsOwnStatementThenSettlesWithIt() {
        List<Line> returned = new java.util.ArrayList<>(SALE);
        returned.add(line(REFUND, "-100.00", "W49"));
        returned.add(line(REFUND, "4.00", "W49"));
        InvoiceSettlement awaiting = InvoiceSettlement.of(new BigDecimal("105.00"), false, returned,
                Map.of("W48", new StatementFacts(true, W48, null), "W49", new StatementFacts(false, W49, null)));
        assertThat(awaiting.status()).isEqualTo(InvoiceSettlement.Status.AWAITING_PAYOUT);
        assertThat(awaiting.refunds()).isEqualByComparingTo("-96.00");
        assertThat(awaiting.net()).isEqualByComparingTo("-2.10");
        assertThat(awaiting.mismatches()).isEmpty();

        InvoiceSettlement settled = InvoiceSettlement.of(new BigDecimal("105.00"), false, returned,
                Map.of("W48", new StatementFacts(true, W48, null), "W49", new StatementFacts(true, W49, null)));
        assertThat(settled.status()).isEqualTo(InvoiceSettlement.Status.SETTLED);
        assertThat(settled.statement()).isEqualTo("W49");
        // A net below zero is said, not corrected.
        assertThat(settled.mismatches()).singleElement().asString().contains("negative");
    }

    @Test
    void creditsThatDifferFromTheInvoiceTotalAreAMismatchOnceSettled() {
        InvoiceSettlement s = InvoiceSettlement.of(new BigDecimal("110.00"), false, SALE, Map.of("W48", new StatementFacts(true, W48, null)));
        assertThat(s.status()).isEqualTo(InvoiceSettlement.Status.SETTLED);
        assertThat(s.mismatches()).singleElement().asString().contains("105.00").contains("110.00");
        InvoiceSettlement recycled = InvoiceSettlement.of(new BigDecimal("105.00"), true, SALE, Map.of("W48", new StatementFacts(true, W48, null)));
        assertThat(recycled.mismatches()).singleElement().asString().contains("recycled");
    }

    @Test
    void aLineWithoutStatementOrInAnUnknownOneKeepsItAwaitingAndAStatementMismatchReachesTheInvoice() {
        List<Line> lines = List.of(line(ITEM_PRICE, "105.00", "W48"), line(FEE, "-1.00", null));
        assertThat(InvoiceSettlement.of(new BigDecimal("105.00"), false, lines, Map.of("W48", new StatementFacts(true, W48, null))).status())
                .isEqualTo(InvoiceSettlement.Status.AWAITING_PAYOUT);
        assertThat(InvoiceSettlement.of(new BigDecimal("105.00"), false, List.of(line(ITEM_PRICE, "105.00", "W47")), Map.of()).status())
                .isEqualTo(InvoiceSettlement.Status.AWAITING_PAYOUT);
        InvoiceSettlement s = InvoiceSettlement.of(new BigDecimal("105.00"), false, SALE,
                Map.of("W48", new StatementFacts(true, W48, "statement W48 does not add up: ...")));
        assertThat(s.status()).isEqualTo(InvoiceSettlement.Status.SETTLED);
        assertThat(s.mismatches()).containsExactly("statement W48 does not add up: ...");
    }

    @Test
    void noLineNoSettlement() {
        assertThat(InvoiceSettlement.of(new BigDecimal("105.00"), false, List.of(), Map.of()).status())
                .isEqualTo(InvoiceSettlement.Status.AWAITING_PAYOUT);
    }
}
