package io.lazadapos.sandbox;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Lazada's finance side, derived from the orders when asked: the fee transactions a delivered item
 * posts {@code postingDelay} after delivery (and after a completed refund), and the weekly payout
 * statements they add up to. Nothing is stored but the sellers' index of posting hours, so a page of
 * transactions reads the hours it covers instead of every order. Amounts in minor units, signed
 * (credit positive); times in epoch seconds. Call under the {@link Marketplace} lock.
 */
final class FinanceLedger {

    private static final long HOUR = 3600;
    private static final long DAY = 86_400;

    /** Fixed slots per fee type, the low four bits of a transaction number. */
    static final int ITEM_PRICE = 0;
    static final int SHIPPING_BY_CUSTOMER = 1;
    static final int COMMISSION = 2;
    static final int PAYMENT_FEE = 3;
    static final int SHIPPING_BY_SELLER = 4;
    static final int FLEXI_COMBO = 5;
    static final int REVERSAL_ITEM_PRICE = 6;
    static final int REVERSAL_COMMISSION = 7;
    static final String[] FEE_TYPES = {"13", "8", "16", "3", "9", "28", "101", "102"};
    static final String[] FEE_NAMES = {"Item Price Credit", "Shipping Fee (Paid By Customer)", "Commission", "Payment Fee",
            "Shipping Fee Paid by Seller", "Promotional Charges Flexi Combo", "Reversal Item Price", "Reversal Commission"};

    private static final String REFUNDED = OrderScript.REVERSE_STATUSES[OrderScript.REFUND_SUCCESS];
    private static final Pattern STATEMENT_NUMBER = Pattern.compile("[A-Z]{2}\\d{4}W(0[1-9]|[1-4]\\d|5[0-3])");
    private static final Comparator<Transaction> POSTING_ORDER =
            Comparator.comparingLong(Transaction::postedAt).thenComparingLong(Transaction::number);

    /** One fee line of one item. */
    record Transaction(SandboxOrder order, SandboxItem item, int slot, long postedAt, long amount) {
        /** Unique and stable: the item id and the fee type's slot. */
        long number() {
            return item.itemId * 16 + slot;
        }

        boolean refund() {
            return slot >= REVERSAL_ITEM_PRICE;
        }
    }

    /** One weekly payout statement as Lazada reports it (skew included). */
    record Statement(String number, long createdAt, long updatedAt, boolean paid, long openingBalance, long itemRevenue,
                     long feesTotal, long refunds, long closingBalance, long payout) {
    }

    @FunctionalInterface
    private interface Sink {
        void line(SandboxOrder order, SandboxItem item, int slot, long postedAt, long amount);
    }

    private final SellerCountry country;
    private final long postingDelay;
    private final long payoutDelay;
    private final long offsetSeconds;
    /** What a seller pays to ship an item the buyer shipped free: 1.50 USD, where Lazada charges it. */
    private final long flatShipping;

    FinanceLedger(SellerCountry country, SandboxSettings settings) {
        this.country = country;
        this.postingDelay = settings.postingDelay().getSeconds();
        this.payoutDelay = settings.payoutDelay().getSeconds();
        this.offsetSeconds = country.offset.getTotalSeconds();
        this.flatShipping = country.priceFromDollars(1.50);
    }

    // ---------------------------------------------------------------- the index, kept by Marketplace

    /** The item has just become delivered: its sale lines will post. */
    void delivered(SandboxOrder order, SandboxItem item) {
        if (item.deliveredAt == 0) return;
        list(order, item.deliveredAt + postingDelay);
        refunded(order, item);
    }

    /** The item's reverse line has just moved: a completed refund of a delivered item posts its reversals. */
    void refunded(SandboxOrder order, SandboxItem item) {
        long at = refundPostedAt(item);
        if (at != Long.MIN_VALUE) list(order, at);
    }

    private void list(SandboxOrder order, long postedAt) {
        List<SandboxOrder> orders = order.seller.postingHours.computeIfAbsent(Math.floorDiv(postedAt, HOUR), h -> new ArrayList<>(4));
        if (orders.isEmpty() || orders.get(orders.size() - 1) != order) orders.add(order);
    }

    // ---------------------------------------------------------------- transactions

    /**
     * The page [offset, offset + limit) of the seller's transactions posted by now on local days
     * firstDay..lastDay (epoch days), by posting time then transaction number.
     */
    List<Transaction> transactions(Seller seller, long firstDay, long lastDay, int offset, int limit, long now) {
        long from = firstDay * DAY - offsetSeconds;
        long to = Math.min((lastDay + 1) * DAY - offsetSeconds, now + 1);
        List<Transaction> page = new ArrayList<>(Math.min(limit, 128));
        if (from >= to) return page;
        long skip = offset;
        for (Map.Entry<Long, List<SandboxOrder>> bucket
                : seller.postingHours.subMap(Math.floorDiv(from, HOUR), true, Math.floorDiv(to - 1, HOUR), true).entrySet()) {
            long hourFrom = Math.max(from, bucket.getKey() * HOUR);
            long hourTo = Math.min(to, (bucket.getKey() + 1) * HOUR);
            Collection<SandboxOrder> orders = distinct(bucket.getValue());
            if (skip > 0) {
                // Count first: a page deep in the window does not build the lines it skips.
                long[] count = {0};
                for (SandboxOrder order : orders) lines(order, hourFrom, hourTo, (o, i, s, at, a) -> count[0]++);
                if (count[0] <= skip) {
                    skip -= count[0];
                    continue;
                }
            }
            List<Transaction> lines = new ArrayList<>();
            for (SandboxOrder order : orders) lines(order, hourFrom, hourTo, (o, i, s, at, a) -> lines.add(new Transaction(o, i, s, at, a)));
            lines.sort(POSTING_ORDER);
            for (Transaction t : lines) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                page.add(t);
                if (page.size() == limit) return page;
            }
        }
        return page;
    }

    /** The VAT included in a line: commission and payment fee only, same sign as the amount. */
    long vat(Transaction t) {
        if (t.slot() != COMMISSION && t.slot() != PAYMENT_FEE) return 0;
        int rate = country.vatPercent();
        return roundHalfUp(t.amount() * rate, 100 + rate);
    }

    /** The statement a line posted at {@code postedAt} belongs to: "MY2026W49". */
    String statementNumber(long postedAt) {
        LocalDate day = LocalDate.ofEpochDay(localDay(postedAt));
        int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return country.name() + day.get(IsoFields.WEEK_BASED_YEAR) + "W" + (week < 10 ? "0" : "") + week;
    }

    /** Whether the statement of a line posted at {@code postedAt} is paid out by now. */
    boolean paid(long postedAt, long now) {
        return now >= weekEnd(monday(localDay(postedAt))) + payoutDelay;
    }

    /** A well-formed statement number of this country (the statement need not exist). */
    boolean isStatementNumber(String number) {
        return number != null && number.startsWith(country.name()) && STATEMENT_NUMBER.matcher(number).matches();
    }

    // ---------------------------------------------------------------- statements

    /**
     * The seller's statements created (their week ended) on local day {@code createdFromDay} or
     * later, oldest first. Totals are summed from the weeks' lines when asked; the balance carried
     * from an earlier negative statement needs every week before, so all closed weeks are read.
     */
    List<Statement> statements(Seller seller, long createdFromDay, long now) {
        long thisMonday = monday(localDay(now));
        // Per closed week (by its Monday): item revenue, fees, refunds, line count.
        TreeMap<Long, long[]> weeks = new TreeMap<>();
        for (Map.Entry<Long, List<SandboxOrder>> bucket
                : seller.postingHours.headMap(Math.floorDiv(thisMonday * DAY - offsetSeconds, HOUR), false).entrySet()) {
            long hourFrom = bucket.getKey() * HOUR;
            long[] totals = weeks.computeIfAbsent(monday(localDay(hourFrom)), m -> new long[4]);
            Sink sum = (o, i, slot, at, amount) -> {
                if (slot == ITEM_PRICE) totals[0] += amount;
                else if (slot == REVERSAL_ITEM_PRICE || slot == REVERSAL_COMMISSION) totals[2] += amount;
                else totals[1] += amount;
                totals[3]++;
            };
            for (SandboxOrder order : distinct(bucket.getValue())) lines(order, hourFrom, Math.min(hourFrom + HOUR, now + 1), sum);
        }
        List<Statement> statements = new ArrayList<>();
        long carried = 0;
        for (Map.Entry<Long, long[]> week : weeks.entrySet()) {
            long[] totals = week.getValue();
            if (totals[3] == 0) continue; // only refunds that moved away: no statement
            long createdAt = weekEnd(week.getKey());
            String number = statementNumber(createdAt - 1);
            long itemRevenue = totals[0] + seller.statementSkews.getOrDefault(number, 0L);
            long opening = carried;
            long closing = opening + itemRevenue + totals[1] + totals[2];
            // Lazada carries a negative balance into the next statement and pays out nothing.
            carried = Math.min(closing, 0);
            if (week.getKey() + 7 < createdFromDay) continue;
            boolean paid = now >= createdAt + payoutDelay;
            statements.add(new Statement(number, createdAt, paid ? createdAt + payoutDelay : createdAt, paid, opening,
                    itemRevenue, totals[1], totals[2], closing, Math.max(closing, 0)));
        }
        return statements;
    }

    // ---------------------------------------------------------------- deriving the lines

    /** Feeds {@code sink} the lines of the order's items that post in [from, to). */
    private void lines(SandboxOrder order, long from, long to, Sink sink) {
        for (SandboxItem item : order.items) {
            if (item.deliveredAt == 0) continue;
            long sold = item.deliveredAt + postingDelay;
            if (sold >= from && sold < to) {
                for (int slot = ITEM_PRICE; slot <= FLEXI_COMBO; slot++) line(order, item, slot, sold, sink);
            }
            long refunded = refundPostedAt(item);
            if (refunded >= from && refunded < to) {
                line(order, item, REVERSAL_ITEM_PRICE, refunded, sink);
                line(order, item, REVERSAL_COMMISSION, refunded, sink);
            }
        }
    }

    private void line(SandboxOrder order, SandboxItem item, int slot, long at, Sink sink) {
        long amount = amount(item, slot);
        if (amount != 0) sink.line(order, item, slot, at, amount); // a fee that does not apply is no line
    }

    private long amount(SandboxItem item, int slot) {
        return switch (slot) {
            case ITEM_PRICE -> item.paidPrice();
            case SHIPPING_BY_CUSTOMER -> Math.max(item.shippingAmount, 0);
            case COMMISSION -> -commission(item);
            case PAYMENT_FEE -> -percent(item.paidPrice() + item.shippingAmount, 2);
            // Free shipping for the buyer is paid by some sellers: one item in three, stable per item.
            case SHIPPING_BY_SELLER -> item.shippingAmount > 0 ? -item.shippingAmount
                    : Math.floorMod(OrderGenerator.mix(item.itemId, 9), 3L) == 0 ? -flatShipping : 0;
            case FLEXI_COMBO -> Math.floorMod(OrderGenerator.mix(item.itemId, 28), 5L) == 0 ? -percent(item.itemPrice, 1) : 0;
            case REVERSAL_ITEM_PRICE -> -item.paidPrice();
            case REVERSAL_COMMISSION -> commission(item);
            default -> throw new IllegalArgumentException("no fee slot " + slot);
        };
    }

    private static long commission(SandboxItem item) {
        return percent(item.itemPrice, 4);
    }

    /** When a delivered item's completed refund posts, or MIN_VALUE when it has none. */
    private long refundPostedAt(SandboxItem item) {
        ReverseOrder.Line line = item.reverse;
        return item.deliveredAt != 0 && line != null && REFUNDED.equals(line.status) ? line.modifiedAt + postingDelay : Long.MIN_VALUE;
    }

    // ---------------------------------------------------------------- arithmetic and calendar

    private static long percent(long minor, int percent) {
        return roundHalfUp(minor * percent, 100);
    }

    /** numerator / denominator rounded half away from zero, to whole minor units. */
    private static long roundHalfUp(long numerator, long denominator) {
        long magnitude = (Math.abs(numerator) * 2 + denominator) / (2 * denominator);
        return numerator < 0 ? -magnitude : magnitude;
    }

    private long localDay(long epochSecond) {
        return Math.floorDiv(epochSecond + offsetSeconds, DAY);
    }

    /** The Monday (epoch day) of the ISO week holding a day; epoch day 0 was a Thursday. */
    private static long monday(long epochDay) {
        return epochDay - Math.floorMod(epochDay + 3, 7L);
    }

    /** The statement of the week starting on {@code monday} is created when the week ends: next Monday 00:00 local. */
    private long weekEnd(long monday) {
        return (monday + 7) * DAY - offsetSeconds;
    }

    private static Collection<SandboxOrder> distinct(List<SandboxOrder> orders) {
        if (orders.size() < 2) return orders;
        Set<SandboxOrder> distinct = Collections.newSetFromMap(new IdentityHashMap<>(orders.size() * 2));
        distinct.addAll(orders);
        return distinct;
    }
}
