package io.lazadapos.money;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A paid statement against its transactions: revenue, and closing less opening. */
class StatementCheckTest {

    private static PayoutStatement statement(String revenue, String fees, String refunds, String opening, String closing, boolean paid) {
        return new PayoutStatement("S1", "MY2026W48", new BigDecimal(opening), new BigDecimal(revenue), new BigDecimal(fees),
                new BigDecimal(refunds), new BigDecimal(closing), BigDecimal.ZERO, paid, null, null);
    }

    @Test
    void aStatementThatAddsUpIsFine() {
        assertThat(StatementCheck.mismatch(statement("1000.00", "-120.00", "-50.00", "-10.00", "820.00", true),
                new BigDecimal("1000.00"), new BigDecimal("830.00"))).isNull();
    }

    @Test
    void revenueOrMovementThatDifferFromTheTransactionsAreSaid() {
        String revenue = StatementCheck.mismatch(statement("1012.50", "-120.00", "-50.00", "0", "842.50", true),
                new BigDecimal("1000.00"), new BigDecimal("830.00"));
        assertThat(revenue).contains("MY2026W48").contains("1012.50").contains("1000.00").contains("842.50");
        String movement = StatementCheck.mismatch(statement("1000.00", "-120.00", "-50.00", "0", "900.00", true),
                new BigDecimal("1000.00"), new BigDecimal("830.00"));
        assertThat(movement).contains("900.00").doesNotContain("item revenue");
    }

    @Test
    void anUnpaidStatementIsNotJudgedYet() {
        assertThat(StatementCheck.mismatch(statement("5.00", "0", "0", "0", "5.00", false), BigDecimal.ZERO, BigDecimal.ZERO)).isNull();
    }
}
