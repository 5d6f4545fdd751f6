package io.lazadapos.flow;

import java.util.List;

import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

/** What Lazada said about one order at one moment (its {@code updated_at}), and where it came from. */
public record OrderSnapshot(String sellerId, LazadaOrder order, List<LazadaOrderItem> items, String source) {

    public OrderSnapshot {
        items = List.copyOf(items);
    }

    public String orderId() {
        return order.orderId();
    }

    /** A batch of this one snapshot. */
    public java.util.List<OrderSnapshot> asList() {
        return java.util.List.of(this);
    }

    /** The order's key by the names SQL parameters use (a map body is what camel-sql reads fastest). */
    public java.util.Map<String, Object> key() {
        return java.util.Map.of("sellerId", sellerId, "orderId", order.orderId());
    }

    @Override
    public String toString() {
        return "order " + order.orderId() + " of seller " + sellerId + " from " + source;
    }
}
