package io.lazadapos.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaErrorKind;
import io.lazadapos.lazada.LazadaOrderItem;
import io.lazadapos.lazada.LazadaOrderReader;
import io.lazadapos.lazada.LazadaPush;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.ledger.LedgerIndex;

/**
 * The orders one drain claimed, fetched fresh together: their items in GetMultipleOrderItems calls
 * (50 orders a call), then GetOrder (in parallel) for those whose items differ from the ledger's
 * lines, and the snapshots grouped by seller so that each seller's are applied as one batch, like
 * a poll page. One fetch per order whatever number of pushes it got; a claim whose order cannot be
 * fetched fails alone, with its reason.
 */
public final class PushedOrders {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PushedOrders.class);

    /**
     * One seller's fetched orders and the claims they answer. Not a record: the routes read its
     * parts with Simple, whose method calls key a cache by the object's hash, and a record's hash
     * would walk every snapshot each time.
     */
    public static final class SellerBatch {
        private final String sellerId;
        private final List<OrderSnapshot> snapshots;
        private final List<PushBatch> claims;

        public SellerBatch(String sellerId, List<OrderSnapshot> snapshots, List<PushBatch> claims) {
            this.sellerId = sellerId;
            this.snapshots = snapshots;
            this.claims = claims;
        }

        public String sellerId() {
            return sellerId;
        }

        public List<OrderSnapshot> snapshots() {
            return snapshots;
        }

        public List<PushBatch> claims() {
            return claims;
        }
    }

    /** Where a claim that could not be fetched goes (the inbox marks it failed and keeps a dead letter). */
    public interface Failures {
        void failed(PushBatch claim, Throwable error);
    }

    private final LazadaOrders lazada;
    private final LedgerIndex ledger;
    private final KnownSellers knownSellers;
    private final ExecutorService pool;
    private final Failures failures;

    public PushedOrders(LazadaOrders lazada, LedgerIndex ledger, KnownSellers knownSellers, ExecutorService pool, Failures failures) {
        this.lazada = lazada;
        this.ledger = ledger;
        this.knownSellers = knownSellers;
        this.pool = pool;
        this.failures = failures;
    }

    /** The claims of trade-order pushes: fetched and applied together. */
    public static List<PushBatch> tradeOrders(List<PushBatch> claimed) {
        return claimed.stream().filter(b -> b.kind() == LazadaPush.Kind.TRADE_ORDER).toList();
    }

    /** The other claims (reverse orders, token alerts): processed one by one. */
    public static List<PushBatch> others(List<PushBatch> claimed) {
        return claimed.stream().filter(b -> b.kind() != LazadaPush.Kind.TRADE_ORDER).toList();
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
        // The items first, 50 orders a call: they say whether anything changed at all.
        LazadaOrderReader.ItemsByOrder items;
        try {
            items = lazada.itemsOf(sellerId, claims.stream().map(PushBatch::orderId).toList());
        } catch (RuntimeException e) {
            if (claims.size() > 1 && aboutTheRequest(e)) {
                // One id Lazada does not know fails the whole call (code 37): each order on its own, so that only it fails.
                return oneByOne(sellerId, claims);
            }
            claims.forEach(c -> failures.failed(c, e));
            return new SellerBatch(sellerId, List.of(), List.of());
        }
        Map<PushBatch, List<LazadaOrderItem>> withItems = new LinkedHashMap<>();
        for (PushBatch claim : claims) {
            List<LazadaOrderItem> its = items.items().get(claim.orderId());
            if (its == null || its.isEmpty()) {
                String why = items.rejected().stream().filter(r -> claim.orderId().equals(r.orderId())).map(LazadaOrderReader.RejectedRow::error)
                        .findFirst().orElse("GetMultipleOrderItems returned no items for this order (is it this seller's?)");
                failures.failed(claim, new IllegalStateException("order " + claim.orderId() + ": " + why));
            } else {
                withItems.put(claim, its);
            }
        }
        // A push whose order's items all still have the statuses the ledger holds brings nothing new
        // (a late or repeated push): answered without GetOrder. The others need their order fresh.
        Map<String, Map<String, String>> statuses = new LinkedHashMap<>();
        withItems.forEach((claim, its) -> {
            Map<String, String> m = new LinkedHashMap<>();
            its.forEach(i -> m.put(i.orderItemId(), i.status()));
            statuses.put(claim.orderId(), m);
        });
        Set<String> unchanged = sameInLedger(sellerId, statuses);
        List<PushBatch> answered = new ArrayList<>();
        Map<PushBatch, Future<OrderSnapshot>> fetches = new LinkedHashMap<>();
        withItems.forEach((claim, its) -> {
            if (unchanged.contains(claim.orderId())) {
                answered.add(claim);
            } else {
                fetches.put(claim, pool.submit(() -> new OrderSnapshot(sellerId, lazada.order(sellerId, claim.orderId()), its, "push")));
            }
        });
        return collect(sellerId, fetches, answered);
    }

    /** The orders whose items the ledger holds with these statuses; none when the ledger cannot say. */
    private Set<String> sameInLedger(String sellerId, Map<String, Map<String, String>> statuses) {
        try {
            return ledger.sameItemStatuses(sellerId, statuses);
        } catch (RuntimeException e) {
            // Then every order counts as changed: fetched and applied (or failed) as usual.
            LOG.warn("could not compare pushed orders with the ledger ({}); fetching them all", e.toString());
            return Set.of();
        }
    }

    /** GetOrder and GetOrderItems for each order (in parallel): a claim that fails, fails alone. */
    private SellerBatch oneByOne(String sellerId, List<PushBatch> claims) {
        Map<PushBatch, Future<OrderSnapshot>> fetches = new LinkedHashMap<>();
        for (PushBatch claim : claims) {
            fetches.put(claim, pool.submit(() -> new OrderSnapshot(sellerId, lazada.order(sellerId, claim.orderId()),
                    lazada.orderItems(sellerId, claim.orderId()), "push")));
        }
        return collect(sellerId, fetches, new ArrayList<>());
    }

    /** Waits for the fetches: each one that failed is reported on its own; answered gets the rest. */
    private SellerBatch collect(String sellerId, Map<PushBatch, Future<OrderSnapshot>> fetches, List<PushBatch> answered) {
        List<OrderSnapshot> snapshots = new ArrayList<>();
        for (Map.Entry<PushBatch, Future<OrderSnapshot>> f : fetches.entrySet()) {
            try {
                snapshots.add(f.getValue().get());
                answered.add(f.getKey());
            } catch (ExecutionException e) {
                failures.failed(f.getKey(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching pushed orders", e);
            }
        }
        return new SellerBatch(sellerId, snapshots, answered);
    }

    /** Lazada refused the request itself (an id it does not know, a code nobody mapped), not the caller or the moment. */
    private static boolean aboutTheRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LazadaApiException api) {
                return api.kind() == LazadaErrorKind.NOT_FOUND || api.kind() == LazadaErrorKind.UNKNOWN
                        || api.kind() == LazadaErrorKind.REQUEST_BUG;
            }
        }
        return false;
    }
}
