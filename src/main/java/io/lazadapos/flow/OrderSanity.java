package io.lazadapos.flow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

/**
 * Refuses order snapshots no real Lazada order has: negative or absurd amounts, amounts finer than
 * a cent, a currency that is not the seller's, update times in the future (they would carry the
 * poll's watermark past orders not read yet), ids and texts too long for the ledger, absurdly
 * many items. Such an order goes to the dead-letter table with the reasons, never into the ledger.
 */
public final class OrderSanity {

    /** Beyond any real order line in any of Lazada's currencies (VND and IDR included). */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    static final int MAX_ITEMS = 1000;
    /** Clocks differ a little; an update time further ahead than this is not believed. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    /** The reasons, all of them, in one message. */
    public static final class ImplausibleOrder extends IllegalArgumentException {
        private final List<String> problems;

        ImplausibleOrder(String orderId, List<String> problems) {
            super("implausible order " + orderId + " from Lazada, not applied: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final String sellerCurrency;

    public OrderSanity(String sellerCurrency) {
        this.sellerCurrency = sellerCurrency;
    }

    /** Throws {@link ImplausibleOrder} listing every problem of the snapshot. */
    public void check(OrderSnapshot snapshot, Instant now) {
        List<String> problems = problems(snapshot, now);
        if (!problems.isEmpty()) {
            throw new ImplausibleOrder(snapshot.orderId(), problems);
        }
    }

    public List<String> problems(OrderSnapshot snapshot, Instant now) {
        List<String> p = new ArrayList<>();
        LazadaOrder o = snapshot.order();
        text(p, "order_id", o.orderId(), 64, true);
        text(p, "order_number", o.orderNumber(), 64, true);
        amount(p, "price", o.price(), false);
        // The order's voucher and shipping fee only check the items' sum (the documents are built from
        // the items): when they do not add up, the order is applied and reviewed as AMOUNT_MISMATCH.
        amount(p, "voucher", o.voucher(), true);
        amount(p, "shipping_fee", o.shippingFee(), true);
        if (o.updatedAt() != null && o.updatedAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            p.add("updated_at " + o.updatedAt() + " is in the future");
        }
        if (o.createdAt() != null && o.createdAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            p.add("created_at " + o.createdAt() + " is in the future");
        }
        List<LazadaOrderItem> items = snapshot.items();
        if (items.size() > MAX_ITEMS) {
            p.add(items.size() + " items (more than " + MAX_ITEMS + ")");
            return p;
        }
        Set<String> ids = new HashSet<>();
        for (LazadaOrderItem i : items) {
            // The item's label is built only for a message: a sound order (nearly all) builds no text.
            java.util.function.Function<String, String> at = field -> "item " + abbreviate(i.orderItemId()) + field;
            text(p, at, " order_item_id", i.orderItemId(), 64, true);
            if (i.orderItemId() != null && !ids.add(i.orderItemId())) {
                p.add(at.apply(" appears twice"));
            }
            text(p, at, " status", i.status(), 64, true);
            text(p, at, " sku", i.sku(), 200, false);
            amount(p, at, " paid_price", i.paidPrice(), false);
            amount(p, at, " shipping_amount", i.shippingAmount(), false);
            currency(p, at, i.currency());
        }
        return p;
    }

    private void currency(List<String> p, java.util.function.Function<String, String> at, String currency) {
        if (currency == null || currency.isBlank()) {
            return; // the seller's currency is assumed
        }
        String c = currency.trim().toUpperCase(Locale.ROOT);
        if (c.equals(sellerCurrency)) {
            return;
        }
        try {
            Currency.getInstance(c);
        } catch (IllegalArgumentException e) {
            p.add(at.apply(" has an unknown currency '" + abbreviate(currency) + "'"));
            return;
        }
        if (sellerCurrency != null && !sellerCurrency.equalsIgnoreCase(c)) {
            p.add(at.apply(" is in " + c + ", not in the seller's currency " + sellerCurrency));
        }
    }

    private static void amount(List<String> p, String field, BigDecimal value, boolean mayBeNegative) {
        amount(p, f -> f, field, value, mayBeNegative);
    }

    private static void amount(List<String> p, java.util.function.Function<String, String> at, String field, BigDecimal value,
            boolean mayBeNegative) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0 && !mayBeNegative) {
            p.add(at.apply(field) + " is negative (" + value.toPlainString() + ")");
        } else if (value.abs().compareTo(MAX_AMOUNT) > 0) {
            p.add(at.apply(field) + " is absurdly large (" + value.toPlainString() + ")");
        } else if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            p.add(at.apply(field) + " has fractions of a cent (" + value.toPlainString() + ")");
        }
    }

    private static void text(List<String> p, String field, String value, int max, boolean required) {
        text(p, f -> f, field, value, max, required);
    }

    private static void text(List<String> p, java.util.function.Function<String, String> at, String field, String value, int max,
            boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                p.add(at.apply(field) + " is missing");
            }
            return;
        }
        if (value.length() > max) {
            p.add(at.apply(field) + " is longer than " + max + " characters");
        } else if (hasControlCharacters(value)) {
            p.add(at.apply(field) + " contains control characters");
        }
    }

    private static boolean hasControlCharacters(String value) {
        for (int k = 0; k < value.length(); k++) {
            if (Character.isISOControl(value.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String v) {
        return v == null ? "null" : v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
