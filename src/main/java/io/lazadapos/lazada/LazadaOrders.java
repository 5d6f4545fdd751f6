package io.lazadapos.lazada;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The order APIs the sync uses, over a {@link Gateway} that performs one signed call (the
 * {@code lazada-call} route, with its retries).
 */
public final class LazadaOrders {

    /** Performs one call and answers the reply's root object once {@code code} is "0". */
    @FunctionalInterface
    public interface Gateway {
        JsonNode call(LazadaRequest request);
    }

    private final Gateway gateway;
    private final Function<String, ZoneOffset> offsetOfSeller;
    private final Map<ZoneOffset, LazadaOrderReader> readers = new ConcurrentHashMap<>();
    private final int itemsBatchSize;
    /** Runs the item batches of one list at the same time (null: one after the other). */
    private volatile java.util.concurrent.Executor itemsExecutor;

    public LazadaOrders(Gateway gateway, ZoneOffset sellerOffset, int itemsBatchSize) {
        this(gateway, seller -> sellerOffset, itemsBatchSize);
    }

    /** Each seller's dates in the offset of its country ({@code offsetOfSeller}). */
    public LazadaOrders(Gateway gateway, Function<String, ZoneOffset> offsetOfSeller, int itemsBatchSize) {
        this.gateway = gateway;
        this.offsetOfSeller = offsetOfSeller;
        this.itemsBatchSize = Math.max(1, Math.min(50, itemsBatchSize));
    }

    /**
     * Lets the GetMultipleOrderItems calls of one list run at the same time on {@code executor}
     * (the caller's thread takes the first): a page of 100 orders waits for one call, not two.
     * The executor must not be one whose threads call {@link #itemsOf} themselves and wait.
     */
    public void setItemsExecutor(java.util.concurrent.Executor executor) {
        this.itemsExecutor = executor;
    }

    private LazadaOrderReader reader(String sellerId) {
        return readers.computeIfAbsent(offsetOfSeller.apply(sellerId), LazadaOrderReader::new);
    }

    /** GetOrders sorted by {@code updated_at} ascending, {@code update_after} inclusive. */
    public LazadaOrderReader.OrdersPage ordersUpdated(String sellerId, Instant after, Instant before, int offset, int limit) {
        ZoneOffset sellerOffset = offsetOfSeller.apply(sellerId);
        LazadaOrderReader reader = reader(sellerId);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("update_after", LazadaFields.requestDate(after, sellerOffset));
        if (before != null) {
            p.put("update_before", LazadaFields.requestDate(before, sellerOffset));
        }
        p.put("status", "all");
        p.put("sort_by", "updated_at");
        p.put("sort_direction", "ASC");
        p.put("offset", Integer.toString(offset));
        p.put("limit", Integer.toString(limit));
        String api = "/orders/get";
        LazadaOrderReader.OrdersPage page = wrap(api,
                () -> reader.ordersPage(LazadaReplies.data(api, gateway.call(LazadaRequest.of(sellerId, api, p)))));
        if (page.rows() > limit) {
            // A page larger than asked for is not Lazada's paging: reading on would skip or repeat rows.
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, api, null,
                    "page has " + page.rows() + " rows, " + limit + " were asked for", null, null);
        }
        return page;
    }

    /** GetMultipleOrderItems in batches: every listed order's items, by order id. */
    public LazadaOrderReader.ItemsByOrder itemsOf(String sellerId, List<String> orderIds) {
        String api = "/orders/items/get";
        LazadaOrderReader reader = reader(sellerId);
        List<List<String>> batches = batches(orderIds);
        java.util.function.Function<List<String>, LazadaOrderReader.ItemsByOrder> call = batch -> wrap(api,
                () -> reader.itemsByOrder(LazadaReplies.data(api, gateway.call(LazadaRequest.of(sellerId, api,
                        Map.of("order_ids", "[" + String.join(",", batch) + "]"))))));
        java.util.concurrent.Executor executor = itemsExecutor;
        List<LazadaOrderReader.ItemsByOrder> parts = new ArrayList<>(batches.size());
        if (executor == null || batches.size() < 2) {
            batches.forEach(b -> parts.add(call.apply(b)));
        } else {
            List<java.util.concurrent.CompletableFuture<LazadaOrderReader.ItemsByOrder>> others = new ArrayList<>();
            for (List<String> b : batches.subList(1, batches.size())) {
                others.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> call.apply(b), executor));
            }
            RuntimeException failure = null;
            try {
                parts.add(call.apply(batches.get(0)));
            } catch (RuntimeException e) {
                failure = e;
            }
            // Every call is waited for, so none is still running when this one fails.
            for (java.util.concurrent.CompletableFuture<LazadaOrderReader.ItemsByOrder> f : others) {
                try {
                    parts.add(f.join());
                } catch (java.util.concurrent.CompletionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        Map<String, List<LazadaOrderItem>> all = new LinkedHashMap<>();
        List<LazadaOrderReader.RejectedRow> rejected = new ArrayList<>();
        for (LazadaOrderReader.ItemsByOrder part : parts) {
            all.putAll(part.items());
            rejected.addAll(part.rejected());
        }
        return new LazadaOrderReader.ItemsByOrder(all, rejected);
    }

    /** GetOrder: one order, fresh. */
    public LazadaOrder order(String sellerId, String orderId) {
        String api = "/order/get";
        LazadaOrderReader reader = reader(sellerId);
        return wrap(api, () -> reader.order(LazadaReplies.data(api, gateway.call(LazadaRequest.of(sellerId, api, Map.of("order_id", orderId))))));
    }

    /** GetOrderItems: one order's items, fresh. */
    public List<LazadaOrderItem> orderItems(String sellerId, String orderId) {
        String api = "/order/items/get";
        LazadaOrderReader reader = reader(sellerId);
        return wrap(api, () -> reader.items(LazadaReplies.data(api, gateway.call(LazadaRequest.of(sellerId, api, Map.of("order_id", orderId))))));
    }

    /** A reply with wrong types is a malformed reply (retried), not a crash. */
    private static <T> T wrap(String api, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (LazadaFields.MalformedLazadaValue e) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, api, null, e.getMessage(), null, e);
        }
    }

    /** Splits ids into GetMultipleOrderItems batches (exposed for tests). */
    public List<List<String>> batches(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += itemsBatchSize) {
            out.add(ids.subList(from, Math.min(ids.size(), from + itemsBatchSize)));
        }
        return out;
    }
}
