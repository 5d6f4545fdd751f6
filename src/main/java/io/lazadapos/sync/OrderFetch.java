package io.lazadapos.sync;

import java.util.List;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;
import io.lazadapos.lazada.LazadaOrders;

/**
 * A fresh snapshot of one order, straight from Lazada (GetOrder + GetOrderItems): what pushes,
 * resyncs and dead-letter replays apply, never a stored copy that may be stale.
 */
public final class OrderFetch {

    private final LazadaOrders lazada;

    public OrderFetch(LazadaOrders lazada) {
        this.lazada = lazada;
    }

    public OrderSnapshot fresh(String sellerId, String orderId, String source) {
        if (sellerId == null || sellerId.isBlank() || orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("a fresh fetch needs a seller and an order id");
        }
        LazadaOrder order = lazada.order(sellerId, orderId);
        List<LazadaOrderItem> items = lazada.orderItems(sellerId, orderId);
        return new OrderSnapshot(sellerId, order, items, source);
    }
}
