package io.lazadapos.money;

import java.math.BigDecimal;

/**
 * Whether a payout statement adds up to the transactions the ledger holds for it: Lazada's item
 * revenue against the item price credits, and its movement (closing less opening) against the sum
 * of every line. Judged once the statement is paid, when no line of it can still be on its way.
 */
public final class StatementCheck {

    private StatementCheck() {
    }

    /** Null when the statement adds up (or is not paid yet); otherwise what differs, for a person. */
    public static String mismatch(PayoutStatement s, BigDecimal itemPriceCredits, BigDecimal allLines) {
        if (!s.paid()) {
            return null;
        }
        StringBuilder why = new StringBuilder();
        if (s.itemRevenue().compareTo(itemPriceCredits) != 0) {
            why.append("item revenue ").append(s.itemRevenue().toPlainString()).append(" but its item price credits come to ")
                    .append(itemPriceCredits.toPlainString());
        }
        BigDecimal totals = s.itemRevenue().add(s.feesTotal()).add(s.refunds());
        if (s.movement().compareTo(allLines) != 0 || totals.compareTo(s.movement()) != 0) {
            if (!why.isEmpty()) {
                why.append("; ");
            }
            why.append("closing less opening balance ").append(s.movement().toPlainString())
                    .append(", revenue + fees + refunds ").append(totals.toPlainString())
                    .append(", its transactions ").append(allLines.toPlainString());
        }
        return why.isEmpty() ? null : "statement " + s.number() + " does not add up: " + why;
    }
}
