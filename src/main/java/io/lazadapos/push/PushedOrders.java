package io.lazadapos.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;
import io.lazadapos.lazada.LazadaOrderReader;
import io.lazadapos.lazada.LazadaOrders;

/**
 * The orders one drain claimed, fetched fresh together: GetOrder for each (in parallel), their
 * items in GetMultipleOrderItems calls (50 orders a call), and the snapshots grouped by seller so
 * that each seller's are applied as one batch, like a poll page. One fetch per order whatever
 * number of pushes it got; a claim whose order cannot be fetched fails alone, with its reason.
 */
public final class PushedOrders {

    /** One seller's fetched orders and the claims they answer. */
    public record SellerBatch(String sellerId, List<OrderSnapshot> snapshots, List<PushBatch> claims) {
    }

    /** Where a claim that could not be fetched goes (the inbox marks it failed and keeps a dead letter). */
    public interface Failures {
        void failed(PushBatch claim, Throwable error);
    }

    private final LazadaOrders lazada;
    private final KnownSellers knownSellers;
    private final ExecutorService pool;
    private final Failures failures;

    public PushedOrders(LazadaOrders lazada, KnownSellers knownSellers, ExecutorService pool, Failures failures) {
        this.lazada = lazada;
        this.knownSellers = knownSellers;
        this.pool = pool;
        this.failures = failures;
    }

    /** The claims of trade-order pushes: fetched and applied together. */
    public static List<PushBatch> tradeOrders(List<PushBatch> claimed) {
        return claimed.stream().filter(b -> b.kind() == io.lazadapos.lazada.LazadaPush.Kind.TRADE_ORDER).toList();
    }

    /** The other claims (reverse orders, token alerts): processed one by one. */
    public static List<PushBatch> others(List<PushBatch> claimed) {
        return claimed.stream().filter(b -> b.kind() != io.lazadapos.lazada.LazadaPush.Kind.TRADE_ORDER).toList();
    }

    /** Fetches the trade-order claims among these; those that fail are reported to the failures, the rest answered by seller. */
    public List<SellerBatch> fetch(List<PushBatch> claimed) {
        Map<String, List<PushBatch>> bySeller = new LinkedHashMap<>();
        for (PushBatch b : tradeOrders(claimed)) {
            bySeller.computeIfAbsent(b.sellerId(), s -> new ArrayList<>()).add(b);
        }
        List<SellerBatch> out = new ArrayList<>();
        bySeller.forEach((sellerId, claims) -> {
            SellerBatch batch = fetchSeller(sellerId, claims);
            if (!batch.claims().isEmpty()) {
                out.add(batch);
            }
        });
        return out;
    }

    private SellerBatch fetchSeller(String sellerId, List<PushBatch> claims) {
        try {
            knownSellers.require(sellerId);
        } catch (KnownSellers.UnknownSeller e) {
            claims.forEach(c -> failures.failed(c, e));
            return new SellerBatch(sellerId, List.of(), List.of());
        }
        List<Future<LazadaOrder>> headers = new ArrayList<>(claims.size());
        for (PushBatch c : claims) {
            headers.add(pool.submit(() -> lazada.order(sellerId, c.orderId())));
        }
        Map<PushBatch, LazadaOrder> fetched = new LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            try {
                fetched.put(claims.get(i), headers.get(i).get());
            } catch (ExecutionException e) {
                failures.failed(claims.get(i), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching pushed orders", e);
            }
        }
        if (fetched.isEmpty()) {
            return new SellerBatch(sellerId, List.of(), List.of());
        }
        LazadaOrderReader.ItemsByOrder items;
        try {
            items = lazada.itemsOf(sellerId, fetched.values().stream().map(LazadaOrder::orderId).toList());
        } catch (RuntimeException e) {
            fetched.keySet().forEach(c -> failures.failed(c, e));
            return new SellerBatch(sellerId, List.of(), List.of());
        }
        List<OrderSnapshot> snapshots = new ArrayList<>();
        List<PushBatch> answered = new ArrayList<>();
        fetched.forEach((claim, order) -> {
            List<LazadaOrderItem> its = items.items().get(order.orderId());
            if (its == null || its.isEmpty()) {
                String why = items.rejected().stream().filter(r -> order.orderId().equals(r.orderId())).map(LazadaOrderReader.RejectedRow::error)
                        .findFirst().orElse("GetMultipleOrderItems returned no items for this order");
                failures.failed(claim, new IllegalStateException("order " + order.orderId() + ": " + why));
                return;
            }
            snapshots.add(new OrderSnapshot(sellerId, order, its, "push"));
            answered.add(claim);
        });
        return new SellerBatch(sellerId, snapshots, answered);
    }
}
