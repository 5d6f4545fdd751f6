package io.lazadapos.sandbox;

import static io.lazadapos.sandbox.OrderScript.CANCEL;
import static io.lazadapos.sandbox.OrderScript.CANCEL_REQUEST;
import static io.lazadapos.sandbox.OrderScript.CONFIRM;
import static io.lazadapos.sandbox.OrderScript.DELIVER;
import static io.lazadapos.sandbox.OrderScript.FAIL_DELIVERY;
import static io.lazadapos.sandbox.OrderScript.PACK;
import static io.lazadapos.sandbox.OrderScript.PAY;
import static io.lazadapos.sandbox.OrderScript.READY;
import static io.lazadapos.sandbox.OrderScript.RETURN;
import static io.lazadapos.sandbox.OrderScript.REVERSE;
import static io.lazadapos.sandbox.OrderScript.SHIP;
import static io.lazadapos.sandbox.OrderScript.SHIP_BACK;
import static io.lazadapos.sandbox.OrderScript.SHIP_BACK_DONE;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Makes up orders with a realistic mix of fates and writes each one's future as a script of timed
 * transitions. Everything is drawn from a random stream derived from (seed, order sequence), so the
 * same seed and clock give the same orders whatever the threads do.
 *
 * <p>Mix (of all orders): ~10 % never paid and expire, ~8 % fully cancelled (seller / buyer /
 * system), ~5 % partly cancelled, ~3 % failed delivery, ~3 % returned or refunded, ~2 % stall early,
 * the rest flow to delivered (some on to confirmed). ~1 % carry an amount mismatch on top.
 */
final class OrderGenerator {

    private static final long MINUTE = 60;
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;
    private static final String[] ONLINE_PAYMENTS = {"MIXEDCARD", "Lazada Wallet", "Bank Transfer", "PayLater", "MIXEDCARD"};

    enum Scenario { EXPIRE, CANCEL, PARTIAL_CANCEL, FAILED_DELIVERY, RETURN, STALL, NORMAL }

    /** Independent random streams, so that drawing more from one never shifts another. */
    static final long STREAM_GENERATED_ORDER = 1;
    static final long STREAM_SPEC_ITEMS = 2;
    static final long STREAM_BACKFILL_TIMES = 3;
    static final long STREAM_TOKENS = 4;
    static final long STREAM_LIVE_ARRIVALS = 5;
    static final long STREAM_SPEC_CUSTOMER = 6;
    static final long STREAM_PUSH_FAULTS = 7;

    private final SellerCountry country;
    private final long seed;

    OrderGenerator(SellerCountry country, long seed) {
        this.country = country;
        this.seed = seed;
    }

    /** SplitMix64's finaliser: spreads nearby inputs (seed, seq) over the whole long range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long a, long b) {
        return mix(a * 0x9E3779B97F4A7C15L + mix(b));
    }

    SplittableRandom randomFor(long stream, long index) {
        return new SplittableRandom(mix(mix(seed, stream), index));
    }

    /** Quirk flags (string or number ids/amounts, date form) follow from the order id, like a stable server-side choice. */
    static byte quirks(long orderId) {
        long h = mix(orderId);
        byte flags = 0;
        if ((h & 1) != 0) flags |= SandboxOrder.AMOUNTS_AS_STRINGS;
        if ((h & 2) != 0) flags |= SandboxOrder.IDS_AS_STRINGS;
        if ((h & 12) == 0) flags |= SandboxOrder.SPACED_DATES;
        return flags;
    }

    /** Creates a generated order at {@code createdAt} (epoch seconds) with its script; nothing applied yet. */
    SandboxOrder generate(Seller seller, int seq, long orderId, long orderNumber, LongSupplier itemIds, long createdAt) {
        SplittableRandom rng = randomFor(STREAM_GENERATED_ORDER, seq);
        Scenario scenario = scenario(rng.nextDouble());
        int count = itemCount(rng.nextDouble());
        if (scenario == Scenario.PARTIAL_CANCEL && count < 2) count = 2;
        boolean startsUnpaid = scenario == Scenario.EXPIRE || rng.nextDouble() < 0.7;
        String payment = startsUnpaid ? ONLINE_PAYMENTS[rng.nextInt(ONLINE_PAYMENTS.length)] : "COD";
        boolean staggered = count > 1 && scenario == Scenario.NORMAL && rng.nextDouble() < 0.25;

        SandboxItem[] items = items(rng, count, itemIds, staggered);
        String initial = startsUnpaid ? "unpaid" : "pending";
        for (SandboxItem item : items) {
            item.status = initial;
            item.updatedAt = createdAt;
            if (!startsUnpaid) item.paymentTime = createdAt;
        }
        long mismatch = 0;
        if (rng.nextDouble() < 0.01) {
            mismatch = country.priceFromDollars(0.5 + 2 * rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
        }
        SandboxOrder order = new SandboxOrder(seller, orderId, orderNumber, seq, createdAt, items, rng.nextInt() & 0x7fffffff,
                quirks(orderId), mismatch, payment);
        order.script = script(rng, scenario, count, createdAt, startsUnpaid, staggered);
        return order;
    }

    private static Scenario scenario(double r) {
        if (r < 0.10) return Scenario.EXPIRE;
        if (r < 0.18) return Scenario.CANCEL;
        if (r < 0.23) return Scenario.PARTIAL_CANCEL;
        if (r < 0.26) return Scenario.FAILED_DELIVERY;
        if (r < 0.29) return Scenario.RETURN;
        if (r < 0.31) return Scenario.STALL;
        return Scenario.NORMAL;
    }

    private static int itemCount(double r) {
        if (r < 0.55) return 1;
        if (r < 0.80) return 2;
        if (r < 0.90) return 3;
        if (r < 0.96) return 4;
        return 5;
    }

    private SandboxItem[] items(SplittableRandom rng, int count, LongSupplier itemIds, boolean staggered) {
        List<ProductCatalog.Product> catalog = ProductCatalog.PRODUCTS;
        boolean sellerVoucher = rng.nextDouble() < 0.25;
        boolean platformVoucher = rng.nextDouble() < 0.15;
        long shippingTotal = rng.nextDouble() < 0.35 ? 0 : country.priceFromDollars(0.8 + 2.2 * rng.nextDouble());
        SandboxItem[] items = new SandboxItem[count];
        int product = -1;
        long price = 0;
        for (int i = 0; i < count; i++) {
            // A second unit of the same SKU is a second item: Lazada has no quantity field.
            if (product < 0 || rng.nextDouble() >= 0.15) {
                product = rng.nextInt(catalog.size());
                price = country.priceFromDollars(catalog.get(product).dollars() * (0.9 + 0.2 * rng.nextDouble()));
            }
            long vs = sellerVoucher ? roundDown(price * (5 + rng.nextInt(11)) / 100) : 0;
            long vp = platformVoucher ? roundDown(price * (3 + rng.nextInt(8)) / 100) : 0;
            long shipping = shippingTotal / count + (i == 0 ? shippingTotal % count : 0);
            ProductCatalog.Product p = catalog.get(product);
            items[i] = new SandboxItem(itemIds.getAsLong(), product, p.sku(), p.name(), p.variation(), price, vs, vp,
                    shipping, 0, (byte) (staggered ? i : 0));
        }
        return items;
    }

    private long roundDown(long minor) {
        return minor / country.priceStep * country.priceStep;
    }

    private long[] script(SplittableRandom rng, Scenario scenario, int count, long createdAt, boolean startsUnpaid, boolean staggered) {
        OrderScript.Builder s = new OrderScript.Builder();
        int all = (1 << count) - 1;
        long t = createdAt;
        if (scenario == Scenario.EXPIRE) {
            s.add(t + 30 * MINUTE + rng.nextInt(120), all, CANCEL, CancelCause.UNPAID_TIMEOUT.ordinal());
            return s.build();
        }
        if (startsUnpaid) {
            t += 30 + rng.nextInt(900);
            s.add(t, all, PAY);
        }
        switch (scenario) {
            case NORMAL -> maybeConfirm(s, rng, all, forward(s, rng, all, t, DELIVER, staggered));
            case STALL -> {
                if (rng.nextBoolean()) forward(s, rng, all, t, PACK, false);
            }
            case CANCEL -> cancel(s, rng, all, t);
            case PARTIAL_CANCEL -> {
                int victim = 1 << rng.nextInt(count);
                long at = t + between(rng, 5 * MINUTE, 4 * HOUR);
                CancelCause cause = rng.nextBoolean() ? CancelCause.SELLER_OUT_OF_STOCK : CancelCause.CUSTOMER_CHANGE_OF_MIND;
                s.add(at, victim, CANCEL, cause.ordinal());
                int rest = all & ~victim;
                maybeConfirm(s, rng, rest, forward(s, rng, rest, at, DELIVER, false));
            }
            case FAILED_DELIVERY -> {
                long shipped = forward(s, rng, all, t, SHIP, false);
                int failed = count > 1 && rng.nextDouble() < 0.15 ? 1 << rng.nextInt(count) : all;
                long at = shipped + between(rng, 12 * HOUR, 2 * DAY);
                s.add(at, failed, FAIL_DELIVERY);
                at += between(rng, 6 * HOUR, DAY);
                s.add(at, failed, SHIP_BACK);
                at += between(rng, 12 * HOUR, 3 * DAY);
                s.add(at, failed, SHIP_BACK_DONE);
                int delivered = all & ~failed;
                if (delivered != 0) s.add(shipped + between(rng, 12 * HOUR, 3 * DAY), delivered, DELIVER);
            }
            case RETURN -> {
                long delivered = forward(s, rng, all, t, DELIVER, false);
                boolean refundOnly = rng.nextDouble() < 0.25;
                int returned = count > 1 && rng.nextDouble() < 0.7 ? 1 << rng.nextInt(count) : all;
                long at = delivered + between(rng, 6 * HOUR, 4 * DAY);
                s.add(at, returned, RETURN, refundOnly ? 1 : 0);
                if (!refundOnly) {
                    at += between(rng, 6 * HOUR, 2 * DAY);
                    s.add(at, returned, REVERSE, OrderScript.SELLER_AGREE_RETURN);
                    at += between(rng, DAY, 3 * DAY);
                    s.add(at, returned, REVERSE, OrderScript.BUYER_RETURN_ITEM);
                    at += between(rng, 2 * DAY, 5 * DAY);
                } else {
                    at += between(rng, 12 * HOUR, 3 * DAY);
                }
                s.add(at, returned, REVERSE, OrderScript.REFUND_SUCCESS);
            }
            default -> throw new IllegalStateException("unexpected scenario " + scenario);
        }
        return s.build();
    }

    /** A whole-order cancel: by the seller (before shipping), the buyer (often via a cancel request) or the system. */
    private void cancel(OrderScript.Builder s, SplittableRandom rng, int all, long paidAt) {
        double who = rng.nextDouble();
        if (who < 0.4) {
            int stage = PAY + rng.nextInt(3); // cancelled while pending, packed or ready_to_ship
            long at = stage == PAY ? paidAt : forward(s, rng, all, paidAt, stage, false);
            CancelCause cause = rng.nextBoolean() ? CancelCause.SELLER_OUT_OF_STOCK : CancelCause.SELLER_PRICING_ERROR;
            s.add(at + between(rng, 10 * MINUTE, 10 * HOUR), all, CANCEL, cause.ordinal());
        } else if (who < 0.8) {
            if (rng.nextBoolean()) {
                long asked = paidAt + between(rng, 5 * MINUTE, 4 * HOUR);
                s.add(asked, all, CANCEL_REQUEST, 24);
                s.add(asked + between(rng, 10 * MINUTE, 12 * HOUR), all, CANCEL, CancelCause.BUYER_REQUEST.ordinal());
            } else {
                s.add(paidAt + between(rng, 5 * MINUTE, 3 * HOUR), all, CANCEL, CancelCause.CUSTOMER_CHANGE_OF_MIND.ordinal());
            }
        } else if (rng.nextBoolean()) {
            long packed = forward(s, rng, all, paidAt, PACK, false);
            s.add(packed + between(rng, 2 * DAY, 3 * DAY), all, CANCEL, CancelCause.SHIPPING_SLA_MISSED.ordinal());
        } else {
            CancelCause cause = rng.nextBoolean() ? CancelCause.INTERNAL_REVIEW : CancelCause.CUSTOMER_SERVICE;
            s.add(paidAt + between(rng, 5 * MINUTE, 2 * HOUR), all, CANCEL, cause.ordinal());
        }
    }

    /**
     * Moves paid items forward up to and including {@code until} (PACK..DELIVER); staggered orders ship
     * each item in its own package at its own pace, which gives mixed statuses within one order.
     * Returns the time of the last step.
     */
    private long forward(OrderScript.Builder s, SplittableRandom rng, int mask, long paidAt, int until, boolean staggered) {
        if (!staggered) return forwardTogether(s, rng, mask, paidAt, until);
        long end = paidAt;
        for (int bit = 0; bit < 8; bit++) {
            if ((mask & (1 << bit)) != 0) end = Math.max(end, forwardTogether(s, rng, 1 << bit, paidAt, until));
        }
        return end;
    }

    private long forwardTogether(OrderScript.Builder s, SplittableRandom rng, int mask, long t, int until) {
        for (int action = PACK; action <= until; action++) {
            t += switch (action) {
                case PACK -> between(rng, 20 * MINUTE, 5 * HOUR);
                case READY -> between(rng, 5 * MINUTE, 2 * HOUR);
                case SHIP -> between(rng, HOUR, 20 * HOUR);
                case DELIVER -> between(rng, 12 * HOUR, 3 * DAY);
                default -> throw new IllegalArgumentException("not a forward step: " + action);
            };
            s.add(t, mask, action);
        }
        return t;
    }

    private static void maybeConfirm(OrderScript.Builder s, SplittableRandom rng, int mask, long deliveredAt) {
        if (rng.nextDouble() < 0.3) s.add(deliveredAt + between(rng, 12 * HOUR, 5 * DAY), mask, CONFIRM);
    }

    private static long between(SplittableRandom rng, long from, long to) {
        return from + rng.nextLong(to - from + 1);
    }
}
