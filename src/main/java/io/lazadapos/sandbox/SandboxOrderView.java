package io.lazadapos.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The sandbox's truth about one order: what Lazada would hold, independent of how the API renders
 * it. {@code amountMismatch} tells whether the order was made with a deliberate difference between
 * {@link #buyerPaid()} and {@link #itemsTotal()}.
 */
public record SandboxOrderView(
        String sellerId,
        String orderId,
        String orderNumber,
        Instant createdAt,
        Instant updatedAt,
        List<String> statuses,
        String currency,
        BigDecimal price,
        BigDecimal voucher,
        BigDecimal voucherSeller,
        BigDecimal voucherPlatform,
        BigDecimal shippingFee,
        String paymentMethod,
        String customerFirstName,
        String customerLastName,
        boolean amountMismatch,
        boolean needCancelConfirm,
        boolean cancelPending,
        List<SandboxItemView> items) {

    /** What the buyer paid per the order row: price - voucher + shipping_fee. */
    public BigDecimal buyerPaid() {
        return price.subtract(voucher).add(shippingFee);
    }

    /** Sum of paid_price and shipping_amount over every item (cancelled ones included). */
    public BigDecimal itemsTotal() {
        BigDecimal sum = BigDecimal.ZERO.setScale(price.scale());
        for (SandboxItemView item : items) sum = sum.add(item.paidPrice()).add(item.shippingAmount());
        return sum;
    }

    public SandboxItemView item(String orderItemId) {
        return items.stream().filter(i -> i.orderItemId().equals(orderItemId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("order " + orderId + " has no item " + orderItemId));
    }
}
