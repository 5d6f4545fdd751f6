package io.lazadapos.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The money of one invoice after Lazada's finance transactions: gross (the buyer's payment
 * credited), fees, refunds (reversals), the net to receive, and whether it is settled. Settled
 * means every statement holding one of its lines is paid; the statement named is the last of
 * them. A later line in an unpaid statement (a return's reversal) makes it await that payout.
 * What does not add up is said in {@link #mismatches()}, for a person: nothing is corrected.
 */
public record InvoiceSettlement(BigDecimal gross, BigDecimal fees, BigDecimal refunds, BigDecimal net,
        Status status, String statement, List<String> mismatches) {

    public enum Status {
        AWAITING_PAYOUT,
        SETTLED
    }

    /** One fee line as the settlement sees it. */
    public record Line(FeeKind kind, BigDecimal amount, String statement) {
    }

    /** What the ledger knows of a statement: paid or not, when Lazada made it, whether it adds up. */
    public record StatementFacts(boolean paid, Instant createdAt, String mismatch) {
    }

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /**
     * @param invoiceTotal the invoice's total (lines plus shipping); what the buyer's credits should come to
     * @param recycled     a recycled invoice (cancelled, failed delivery) expects no credit at all
     */
    public static InvoiceSettlement of(BigDecimal invoiceTotal, boolean recycled, List<Line> lines, Map<String, StatementFacts> statements) {
        BigDecimal gross = ZERO;
        BigDecimal fees = ZERO;
        BigDecimal refunds = ZERO;
        boolean allPaid = !lines.isEmpty();
        String last = null;
        Instant lastCreated = null;
        List<String> mismatches = new ArrayList<>();
        for (Line l : lines) {
            switch (l.kind()) {
                case ITEM_PRICE, SHIPPING_CREDIT -> gross = gross.add(l.amount());
                case FEE -> fees = fees.add(l.amount());
                case REFUND -> refunds = refunds.add(l.amount());
            }
            StatementFacts facts = l.statement() == null ? null : statements.get(l.statement());
            if (facts == null || !facts.paid()) {
                allPaid = false;
                continue;
            }
            if (lastCreated == null || (facts.createdAt() != null && facts.createdAt().isAfter(lastCreated))
                    || (facts.createdAt() != null && facts.createdAt().equals(lastCreated) && l.statement().compareTo(last) > 0)) {
                last = l.statement();
                lastCreated = facts.createdAt() == null ? Instant.EPOCH : facts.createdAt();
            }
            if (facts.mismatch() != null && !mismatches.contains(facts.mismatch())) {
                mismatches.add(facts.mismatch());
            }
        }
        BigDecimal net = gross.add(fees).add(refunds);
        Status status = allPaid ? Status.SETTLED : Status.AWAITING_PAYOUT;
        // Judged once paid: before that, lines of the order may still be on their way.
        if (status == Status.SETTLED) {
            BigDecimal expected = recycled ? ZERO : invoiceTotal;
            if (gross.compareTo(expected) != 0) {
                mismatches.add("Lazada credited " + gross.toPlainString() + " for the buyer's payment, the invoice "
                        + (recycled ? "is recycled (expected nothing)" : "totals " + expected.toPlainString()));
            }
            if (net.signum() < 0) {
                mismatches.add("the net to receive is negative: " + net.toPlainString());
            }
        }
        return new InvoiceSettlement(gross, fees, refunds, net, status, status == Status.SETTLED ? last : null, List.copyOf(mismatches));
    }
}
