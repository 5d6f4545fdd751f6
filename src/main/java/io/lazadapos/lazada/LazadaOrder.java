package io.lazadapos.lazada;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order row as GetOrders / GetOrder return it (the fields the sync uses). */
public record LazadaOrder(
        String orderId,
        String orderNumber,
        Instant createdAt,
        Instant updatedAt,
        List<String> statuses,
        int itemsCount,
        BigDecimal price,
        BigDecimal voucher,
        BigDecimal shippingFee,
        String paymentMethod,
        boolean needCancelConfirm,
        boolean cancelPending) {
}
