package io.lazadapos.lazada;

import java.math.BigDecimal;
import java.time.Instant;

/** One order item (one unit: Lazada has no quantity field). */
public record LazadaOrderItem(
        String orderItemId,
        String status,
        String sku,
        String shopSku,
        String name,
        String variation,
        BigDecimal itemPrice,
        BigDecimal paidPrice,
        BigDecimal shippingAmount,
        BigDecimal voucherAmount,
        String currency,
        String cancelReturnInitiator,
        String reason,
        boolean needCancelConfirm,
        boolean cancelPending,
        Instant cancelTriggerTime,
        String returnStatus,
        String reverseOrderId,
        Instant createdAt,
        Instant updatedAt) {
}
