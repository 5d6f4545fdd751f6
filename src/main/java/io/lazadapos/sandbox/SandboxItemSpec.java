package io.lazadapos.sandbox;

import java.math.BigDecimal;

/**
 * One line a test wants in an order it creates. Lazada has no quantity: {@link #withQuantity(int)} only
 * repeats the line, giving one Lazada item per unit.
 *
 * <p>Prices: give {@code paidPrice} (what the buyer paid for the unit, after vouchers) or
 * {@code itemPrice} (before vouchers); the other one is derived. Leaving both out lets the sandbox pick a
 * catalog price. Unset text fields come from the catalog too. Immutable.
 */
public final class SandboxItemSpec {

    private final String sku;
    private final String name;
    private final String variation;
    private final BigDecimal itemPrice;
    private final BigDecimal paidPrice;
    private final BigDecimal voucherSeller;
    private final BigDecimal voucherPlatform;
    private final BigDecimal shippingAmount;
    private final BigDecimal taxAmount;
    private final int quantity;

    private SandboxItemSpec(String sku, String name, String variation, BigDecimal itemPrice, BigDecimal paidPrice,
                            BigDecimal voucherSeller, BigDecimal voucherPlatform, BigDecimal shippingAmount,
                            BigDecimal taxAmount, int quantity) {
        if (quantity < 1) throw new IllegalArgumentException("quantity must be >= 1");
        this.sku = sku;
        this.name = name;
        this.variation = variation;
        this.itemPrice = itemPrice;
        this.paidPrice = paidPrice;
        this.voucherSeller = voucherSeller;
        this.voucherPlatform = voucherPlatform;
        this.shippingAmount = shippingAmount;
        this.taxAmount = taxAmount;
        this.quantity = quantity;
    }

    /** A catalog item with a catalog price. */
    public static SandboxItemSpec any() {
        return new SandboxItemSpec(null, null, null, null, null, null, null, null, null, 1);
    }

    /** An item with this SKU, name and paid price (no voucher, so item_price equals it). */
    public static SandboxItemSpec of(String sku, String name, BigDecimal paidPrice) {
        return new SandboxItemSpec(sku, name, null, null, paidPrice, null, null, null, null, 1);
    }

    public static SandboxItemSpec of(String sku, String name, String paidPrice) {
        return of(sku, name, new BigDecimal(paidPrice));
    }

    public SandboxItemSpec withSku(String v) { return new SandboxItemSpec(v, name, variation, itemPrice, paidPrice, voucherSeller, voucherPlatform, shippingAmount, taxAmount, quantity); }
    public SandboxItemSpec withName(String v) { return new SandboxItemSpec(sku, v, variation, itemPrice, paidPrice, voucherSeller, voucherPlatform, shippingAmount, taxAmount, quantity); }
    public SandboxItemSpec withVariation(String v) { return new SandboxItemSpec(sku, name, v, itemPrice, paidPrice, voucherSeller, voucherPlatform, shippingAmount, taxAmount, quantity); }
    public SandboxItemSpec withItemPrice(BigDecimal v) { return new SandboxItemSpec(sku, name, variation, v, paidPrice, voucherSeller, voucherPlatform, shippingAmount, taxAmount, quantity); }
    public SandboxItemSpec withPaidPrice(BigDecimal v) { return new SandboxItemSpec(sku, name, variation, itemPrice, v, voucherSeller, voucherPlatform, shippingAmount, taxAmount, quantity); }
    /** The seller-funded voucher on this unit (voucher_amount = seller + platform). */
    public SandboxItemSpec withVoucherSeller(BigDecimal v) { return new SandboxItemSpec(sku, name, variation, itemPrice, paidPrice, v, voucherPlatform, shippingAmount, taxAmount, quantity); }
    public SandboxItemSpec withVoucherPlatform(BigDecimal v) { return new SandboxItemSpec(sku, name, variation, itemPrice, paidPrice, voucherSeller, v, shippingAmount, taxAmount, quantity); }
    public SandboxItemSpec withShippingAmount(BigDecimal v) { return new SandboxItemSpec(sku, name, variation, itemPrice, paidPrice, voucherSeller, voucherPlatform, v, taxAmount, quantity); }
    public SandboxItemSpec withTaxAmount(BigDecimal v) { return new SandboxItemSpec(sku, name, variation, itemPrice, paidPrice, voucherSeller, voucherPlatform, shippingAmount, v, quantity); }
    /** Repeats this line: n units become n Lazada items with the same SKU. */
    public SandboxItemSpec withQuantity(int v) { return new SandboxItemSpec(sku, name, variation, itemPrice, paidPrice, voucherSeller, voucherPlatform, shippingAmount, taxAmount, v); }

    public String sku() { return sku; }
    public String name() { return name; }
    public String variation() { return variation; }
    public BigDecimal itemPrice() { return itemPrice; }
    public BigDecimal paidPrice() { return paidPrice; }
    public BigDecimal voucherSeller() { return voucherSeller; }
    public BigDecimal voucherPlatform() { return voucherPlatform; }
    public BigDecimal shippingAmount() { return shippingAmount; }
    public BigDecimal taxAmount() { return taxAmount; }
    public int quantity() { return quantity; }

    @Override
    public String toString() {
        return "SandboxItemSpec{sku=" + sku + ", name=" + name + ", itemPrice=" + itemPrice + ", paidPrice=" + paidPrice
                + ", voucherSeller=" + voucherSeller + ", voucherPlatform=" + voucherPlatform
                + ", shippingAmount=" + shippingAmount + ", quantity=" + quantity + "}";
    }
}
