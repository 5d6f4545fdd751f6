package io.lazadapos.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One seller's orders, kept sorted by created_at and by updated_at so that /orders/get walks only the
 * requested time range instead of sorting every order per call. Index keys pack (epoch second,
 * creation sequence) into one long: second precision is all Lazada shows, and the sequence keeps the
 * order of same-second orders stable between pages.
 */
final class OrderBook {

    private static final int SEQ_BITS = 30;
    static final int MAX_SEQ = (1 << SEQ_BITS) - 1;

    private final ConcurrentSkipListMap<Long, SandboxOrder> byCreated = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, SandboxOrder> byUpdated = new ConcurrentSkipListMap<>();

    static long key(long epochSecond, int seq) {
        return (Math.max(0, epochSecond) << SEQ_BITS) | seq;
    }

    void add(SandboxOrder order) {
        byCreated.put(key(order.createdAt, order.seq), order);
        byUpdated.put(key(order.updatedAt, order.seq), order);
        order.listed = true;
    }

    /** Moves an order to its new place in the updated_at index; the only way updatedAt changes once listed. */
    void reindex(SandboxOrder order, long newUpdatedAt) {
        if (newUpdatedAt == order.updatedAt) return;
        byUpdated.remove(key(order.updatedAt, order.seq));
        order.updatedAt = newUpdatedAt;
        byUpdated.put(key(newUpdatedAt, order.seq), order);
    }

    int size() {
        return byCreated.size();
    }

    /** Every order, oldest first. */
    Collection<SandboxOrder> inCreationOrder() {
        return byCreated.values();
    }

    /** Filters of /orders/get. Bounds in epoch milliseconds: after inclusive, before exclusive; absent = MIN/MAX. */
    record Query(long createdAfter, long createdBefore, long updateAfter, long updateBefore, String status,
                 boolean sortByUpdated, boolean ascending, int offset, int limit) {
    }

    record Page(int countTotal, List<SandboxOrder> orders) {
    }

    Page query(Query q) {
        NavigableMap<Long, SandboxOrder> index = q.sortByUpdated() ? byUpdated : byCreated;
        long low = q.sortByUpdated() ? q.updateAfter() : q.createdAfter();
        long high = q.sortByUpdated() ? q.updateBefore() : q.createdBefore();
        long lowKey = low == Long.MIN_VALUE ? Long.MIN_VALUE : key(ceilSeconds(low), 0);
        long highKey = high == Long.MAX_VALUE ? Long.MAX_VALUE : key(ceilSeconds(high), 0);
        List<SandboxOrder> page = new ArrayList<>(Math.min(q.limit(), 128));
        if (lowKey >= highKey) return new Page(0, page);
        NavigableMap<Long, SandboxOrder> range = index.subMap(lowKey, true, highKey, false);
        if (!q.ascending()) range = range.descendingMap();
        int total = 0;
        for (SandboxOrder order : range.values()) {
            if (!matches(order, q)) continue;
            if (total >= q.offset() && page.size() < q.limit()) page.add(order);
            total++;
        }
        return new Page(total, page);
    }

    private static boolean matches(SandboxOrder order, Query q) {
        long created = order.createdAt * 1000;
        long updated = order.updatedAt * 1000;
        return created >= q.createdAfter() && created < q.createdBefore()
                && updated >= q.updateAfter() && updated < q.updateBefore()
                && (q.status() == null || order.hasStatus(q.status()));
    }

    /** The first whole second at or after an instant given in milliseconds. */
    private static long ceilSeconds(long millis) {
        return Math.max(0, Math.floorDiv(millis + 999, 1000));
    }
}
