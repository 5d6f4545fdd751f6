package io.lazadapos.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The sandbox's truth about one item (one unit), for tests to compare against what a client made of
 * the API. Amounts in major units with the currency's decimals; absent values are null.
 */
public record SandboxItemView(
        String orderItemId,
        String orderId,
        String status,
        String sku,
        String shopSku,
        String name,
        String variation,
        String currency,
        BigDecimal itemPrice,
        BigDecimal paidPrice,
        BigDecimal voucherAmount,
        BigDecimal voucherSeller,
        BigDecimal voucherPlatform,
        BigDecimal shippingAmount,
        BigDecimal taxAmount,
        Instant createdAt,
        Instant updatedAt,
        Instant paymentTime,
        String cancelReturnInitiator,
        String reason,
        boolean needCancelConfirm,
        boolean cancelPending,
        Instant cancelTriggerTime,
        String packageId,
        String shipmentProvider,
        String trackingCode,
        String reverseOrderId,
        String reverseRequestType,
        String returnStatus) {
}
