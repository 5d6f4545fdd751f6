package io.lazadapos.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order a test asks the sandbox to create. Everything is optional: {@code SandboxOrderSpec.defaults()}
 * is one catalog item, status {@code unpaid}, for the default seller, created now.
 *
 * <p>Order-level vouchers are spread over the items in proportion to their price; an order-level
 * shipping fee is spread over the items that do not name their own shipping amount. Explicit item
 * prices are kept, derived ones absorb the voucher. {@code amountMismatch} makes the order's
 * {@code shipping_fee} differ from the items' sum by that amount, the way a real order sometimes does.
 */
public final class SandboxOrderSpec {

    private final String sellerId;
    private final int itemCount;
    private final List<SandboxItemSpec> items;
    private final String status;
    private final Instant createdAt;
    private final Boolean amountsAsStrings;
    private final BigDecimal voucherSeller;
    private final BigDecimal voucherPlatform;
    private final BigDecimal shippingFee;
    private final BigDecimal amountMismatch;
    private final String paymentMethod;

    private SandboxOrderSpec(Builder b) {
        this.sellerId = b.sellerId;
        this.items = List.copyOf(b.items);
        this.itemCount = this.items.isEmpty() ? b.itemCount : this.items.stream().mapToInt(SandboxItemSpec::quantity).sum();
        this.status = b.status;
        this.createdAt = b.createdAt;
        this.amountsAsStrings = b.amountsAsStrings;
        this.voucherSeller = b.voucherSeller;
        this.voucherPlatform = b.voucherPlatform;
        this.shippingFee = b.shippingFee;
        this.amountMismatch = b.amountMismatch;
        this.paymentMethod = b.paymentMethod;
        if (itemCount < 1) throw new IllegalArgumentException("an order needs at least one item");
        if (status == null || status.isBlank()) throw new IllegalArgumentException("status must not be blank");
    }

    public static SandboxOrderSpec defaults() {
        return builder().build();
    }

    /** n catalog items, otherwise defaults. */
    public static SandboxOrderSpec withItems(int n) {
        return builder().items(n).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Null means the sandbox's default seller. */
    public String sellerId() { return sellerId; }
    /** Number of Lazada items (units) the order will have. */
    public int itemCount() { return itemCount; }
    /** The explicit lines; empty when the sandbox picks {@link #itemCount()} catalog items. */
    public List<SandboxItemSpec> items() { return items; }
    public String status() { return status; }
    /** Null means the sandbox clock's now. */
    public Instant createdAt() { return createdAt; }
    /** Null lets the order id decide, as for generated orders. */
    public Boolean amountsAsStrings() { return amountsAsStrings; }
    public BigDecimal voucherSeller() { return voucherSeller; }
    public BigDecimal voucherPlatform() { return voucherPlatform; }
    public BigDecimal shippingFee() { return shippingFee; }
    public BigDecimal amountMismatch() { return amountMismatch; }
    public String paymentMethod() { return paymentMethod; }

    @Override
    public String toString() {
        return "SandboxOrderSpec{sellerId=" + sellerId + ", itemCount=" + itemCount + ", items=" + items
                + ", status=" + status + ", createdAt=" + createdAt + ", amountsAsStrings=" + amountsAsStrings
                + ", voucherSeller=" + voucherSeller + ", voucherPlatform=" + voucherPlatform
                + ", shippingFee=" + shippingFee + ", amountMismatch=" + amountMismatch + "}";
    }

    public static final class Builder {
        private String sellerId;
        private int itemCount = 1;
        private final List<SandboxItemSpec> items = new ArrayList<>();
        private String status = "unpaid";
        private Instant createdAt;
        private Boolean amountsAsStrings;
        private BigDecimal voucherSeller;
        private BigDecimal voucherPlatform;
        private BigDecimal shippingFee;
        private BigDecimal amountMismatch;
        private String paymentMethod;

        private Builder() {
        }

        public Builder sellerId(String v) { sellerId = v; return this; }
        /** n catalog items (ignored once explicit items are added). */
        public Builder items(int n) { itemCount = n; return this; }
        public Builder item(SandboxItemSpec v) { items.add(v); return this; }
        public Builder items(List<SandboxItemSpec> v) { items.addAll(v); return this; }
        /** Initial status of every item; default "unpaid". */
        public Builder status(String v) { status = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder amountsAsStrings(Boolean v) { amountsAsStrings = v; return this; }
        /** Seller-funded voucher on the whole order. */
        public Builder voucher(BigDecimal v) { voucherSeller = v; return this; }
        public Builder voucherSeller(BigDecimal v) { voucherSeller = v; return this; }
        public Builder voucherPlatform(BigDecimal v) { voucherPlatform = v; return this; }
        public Builder shippingFee(BigDecimal v) { shippingFee = v; return this; }
        /** A deliberate difference between the order's shipping_fee and its items' shipping amounts. */
        public Builder amountMismatch(BigDecimal v) { amountMismatch = v; return this; }
        public Builder paymentMethod(String v) { paymentMethod = v; return this; }

        public SandboxOrderSpec build() {
            return new SandboxOrderSpec(this);
        }
    }
}
