package io.lazadapos.sandbox;

/**
 * One Lazada order item (one unit) as the sandbox holds it. Kept compact on purpose (amounts in minor
 * units, times in epoch seconds, shared catalog strings) so that 100,000 orders fit a small heap.
 * Mutable; guarded by the {@link Marketplace} lock.
 */
final class SandboxItem {

    static final byte HAS_PACKAGE = 1;
    static final byte HAS_TRACKING = 2;
    static final byte NEED_CANCEL_CONFIRM = 4;
    static final byte CANCEL_PENDING = 8;

    final long itemId;
    /** Index into {@link ProductCatalog#PRODUCTS}, or -1 for an item a test described itself. */
    final int catalogIndex;
    final String sku;
    final String name;
    final String variation;
    final long itemPrice;
    final long voucherSeller;
    final long voucherPlatform;
    final long shippingAmount;
    final long taxAmount;
    /** Items of one order that ship together share a package number. */
    final byte packageNo;

    String status;
    long updatedAt;
    /** Epoch seconds the buyer paid, 0 while unpaid. */
    long paymentTime;
    /** Epoch seconds of the buyer cancel request's auto-cancel deadline, 0 when none. */
    long cancelTriggerTime;
    /** Epoch seconds the item first became delivered, 0 = never: its fee transactions post from it. */
    long deliveredAt;
    String initiator;
    String reason;
    byte flags;
    ReverseOrder.Line reverse;

    SandboxItem(long itemId, int catalogIndex, String sku, String name, String variation, long itemPrice,
                long voucherSeller, long voucherPlatform, long shippingAmount, long taxAmount, byte packageNo) {
        this.itemId = itemId;
        this.catalogIndex = catalogIndex;
        this.sku = sku;
        this.name = name;
        this.variation = variation;
        this.itemPrice = itemPrice;
        this.voucherSeller = voucherSeller;
        this.voucherPlatform = voucherPlatform;
        this.shippingAmount = shippingAmount;
        this.taxAmount = taxAmount;
        this.packageNo = packageNo;
    }

    long voucherAmount() {
        return voucherSeller + voucherPlatform;
    }

    long paidPrice() {
        return itemPrice - voucherAmount();
    }

    boolean has(byte flag) {
        return (flags & flag) != 0;
    }

    long productId() {
        return catalogIndex >= 0 ? ProductCatalog.PRODUCTS.get(catalogIndex).productId() : 3_000_000_000L + Math.floorMod(sku.hashCode(), 900_000_000);
    }

    long skuId() {
        return catalogIndex >= 0 ? ProductCatalog.PRODUCTS.get(catalogIndex).skuId() : 20_000_000_000L + Math.floorMod(sku.hashCode(), 900_000_000);
    }
}
