package io.lazadapos.sandbox;

/**
 * One Lazada order as the sandbox holds it, with the script of timed transitions it still has to go
 * through. Mutable; guarded by the {@link Marketplace} lock. Derived data (buyer name, address,
 * totals) is computed when rendered instead of stored, to keep the object small.
 */
final class SandboxOrder {

    static final byte AMOUNTS_AS_STRINGS = 1;
    static final byte IDS_AS_STRINGS = 2;
    static final byte SPACED_DATES = 4;

    final Seller seller;
    final long orderId;
    final long orderNumber;
    /** Creation sequence: breaks ties between orders of the same second in the sorted indexes. */
    final int seq;
    final long createdAt;
    final SandboxItem[] items;
    /** Seeds the derived buyer name and address. */
    final int customer;
    final byte flags;
    /** Deliberate difference between the order's shipping_fee and its items' shipping amounts. */
    final long mismatch;
    final String paymentMethod;

    /** Epoch seconds; the max of the items' updatedAt. Once listed, changed only through {@link OrderBook#reindex}. */
    long updatedAt;
    /** Whether the order is in its seller's indexes yet (a backfill fills orders in before listing them). */
    boolean listed;
    /** Pending transitions ({@link OrderScript} steps), null once done or once a test drove the order. */
    long[] script;
    int nextStep;
    /** Due time of script[nextStep] while queued; not changed while the order sits in the queue. */
    long nextDue;

    SandboxOrder(Seller seller, long orderId, long orderNumber, int seq, long createdAt, SandboxItem[] items,
                 int customer, byte flags, long mismatch, String paymentMethod) {
        this.seller = seller;
        this.orderId = orderId;
        this.orderNumber = orderNumber;
        this.seq = seq;
        this.createdAt = createdAt;
        this.items = items;
        this.customer = customer;
        this.flags = flags;
        this.mismatch = mismatch;
        this.paymentMethod = paymentMethod;
        long latest = createdAt;
        for (SandboxItem item : items) latest = Math.max(latest, item.updatedAt);
        this.updatedAt = latest;
    }

    boolean has(byte flag) {
        return (flags & flag) != 0;
    }

    long latestItemUpdate() {
        long latest = createdAt;
        for (SandboxItem item : items) latest = Math.max(latest, item.updatedAt);
        return latest;
    }

    boolean hasStatus(String status) {
        for (SandboxItem item : items) if (item.status.equals(status)) return true;
        return false;
    }

    long price() {
        long sum = 0;
        for (SandboxItem item : items) sum += item.itemPrice;
        return sum;
    }

    long voucherSeller() {
        long sum = 0;
        for (SandboxItem item : items) sum += item.voucherSeller;
        return sum;
    }

    long voucherPlatform() {
        long sum = 0;
        for (SandboxItem item : items) sum += item.voucherPlatform;
        return sum;
    }

    long shippingFee() {
        long sum = mismatch;
        for (SandboxItem item : items) sum += item.shippingAmount;
        return sum;
    }

    boolean anyItem(byte flag) {
        for (SandboxItem item : items) if (item.has(flag)) return true;
        return false;
    }

    SandboxItem item(long itemId) {
        for (SandboxItem item : items) if (item.itemId == itemId) return item;
        return null;
    }
}
