package io.lazadapos.observe;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.MDC;

import io.lazadapos.flow.OrderSnapshot;

/**
 * Puts the seller and order id of the order being processed into the logging context (MDC keys
 * {@code seller} and {@code order}, printed by log4j2.xml), so every log line about an order
 * names it, whoever writes the line. As a route policy (bean {@code orderLogContext}) on the
 * routes that handle one order; as a {@link Scope} in Java code that acts on one order.
 *
 * <p>The previous values come back when the route or scope ends: an order synced inside a
 * poll leaves no trace on the poll's own lines.
 */
public final class OrderLogContext extends RoutePolicySupport {

    public static final String SELLER = "seller";
    public static final String ORDER = "order";
    private static final String SAVED = "orderLogContext.saved";

    /** Restores the previous context when closed. */
    public static final class Scope implements AutoCloseable {
        private final String seller;
        private final String order;

        private Scope(String seller, String order) {
            this.seller = seller;
            this.order = order;
        }

        @Override
        public void close() {
            set(SELLER, seller);
            set(ORDER, order);
        }
    }

    public static Scope open(String sellerId, String orderId) {
        Scope previous = new Scope(MDC.get(SELLER), MDC.get(ORDER));
        set(SELLER, sellerId);
        set(ORDER, orderId);
        return previous;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String seller;
        String order;
        Object body = exchange.getMessage().getBody();
        if (body instanceof OrderSnapshot s) {
            seller = s.sellerId();
            order = s.orderId();
        } else {
            seller = exchange.getMessage().getHeader("sellerId", String.class);
            order = exchange.getMessage().getHeader("orderId", String.class);
        }
        if (seller == null && order == null) {
            return;
        }
        // Routes nest (fetch-and-sync-order calls sync-order): each keeps what it found.
        exchange.setProperty(SAVED + "." + route.getRouteId(), open(seller, order));
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Object saved = exchange.removeProperty(SAVED + "." + route.getRouteId());
        if (saved instanceof Scope scope) {
            scope.close();
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
