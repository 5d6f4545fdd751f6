package io.lazadapos.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.flow.OrderSanity;
import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;
import io.lazadapos.lazada.LazadaOrderReader;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.ledger.DeadLetters;
import io.lazadapos.ledger.LedgerIndex;
import io.lazadapos.ledger.SyncState;

/**
 * One seller's GetOrders poll, page by page: sorted by {@code updated_at} ascending from the
 * watermark minus an overlap, paged by offset and moving the window forward before the offset
 * cap. Orders whose snapshot the ledger already holds are not fetched again; the others get
 * their items in batches. The watermark is the largest Lazada {@code updated_at} of a page whose
 * orders are all committed, and it only moves forward.
 */
public final class OrderPoll {

    private static final Logger LOG = LoggerFactory.getLogger(OrderPoll.class);

    /**
     * Settings of the poll. pagesPerBatch: pages already read when one is taken join it, up to this
     * many in one transaction.
     */
    public record Settings(int pageSize, int offsetCap, Duration overlap, Instant syncFrom, int pagesAhead, int pagesPerBatch) {

        public Settings(int pageSize, int offsetCap, Duration overlap, Instant syncFrom) {
            this(pageSize, offsetCap, overlap, syncFrom, 2, 1);
        }
    }

    private final LazadaOrders lazada;
    private final LedgerIndex ledger;
    private final SyncState state;
    private final DeadLetters deadLetters;
    private final Settings settings;
    private final SyncHealth health;
    // Reads pages ahead of the page being applied; one thread, so pages are read in order.
    private final ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "orders-page-ahead");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private volatile java.util.function.Predicate<String> polledHere = seller -> true;

    public OrderPoll(LazadaOrders lazada, LedgerIndex ledger, SyncState state, DeadLetters deadLetters, Settings settings,
            SyncHealth health, Clock clock) {
        this.health = health;
        this.lazada = lazada;
        this.ledger = ledger;
        this.state = state;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether this instance polls a seller now (the cluster's leader election); a cycle that lost it stops. */
    public void setPolledHere(java.util.function.Predicate<String> polledHere) {
        this.polledHere = polledHere;
    }

    public Instant watermark(String sellerId) {
        return state.get(sellerId, SyncState.POLL_WATERMARK).map(Instant::parse).orElse(null);
    }

    /** A cycle from the stored watermark (minus the overlap), or from the configured start. */
    public PollCursor start(String sellerId) {
        Instant watermark = watermark(sellerId);
        Instant from = watermark == null ? settings.syncFrom() : watermark.minus(settings.overlap());
        Instant now = clock.instant();
        // Fixed upper bound: an order updated while we page leaves the window, which shows in countTotal.
        Instant end = now.isAfter(from) ? now : from.plus(settings.overlap());
        return new PollCursor(sellerId, from, end);
    }

    /** A cycle over an explicit window (resync): it leaves the watermark where it is. */
    public PollCursor window(String sellerId, Instant from, Instant to) {
        return new PollCursor(sellerId, from, to, false);
    }

    /** One page read from Lazada: the snapshots to apply and the newest update it covers. */
    record Page(List<OrderSnapshot> snapshots, Instant maxUpdatedAt) {
        /** What a read queued ahead answers when the pages before it turned out to be the last. */
        static final Page NONE = new Page(List.of(), null);
    }

    /**
     * Answers the next page's snapshots to apply (possibly none) and moves the cursor. While the
     * caller applies them, the pages after are already read from Lazada (lazada.pages-ahead, on one
     * background thread): the ledger and Lazada work at the same time.
     */
    public List<OrderSnapshot> nextPage(PollCursor c, String source) {
        Page page;
        Future<Page> ahead = c.takePrefetched();
        if (ahead != null) {
            page = await(ahead);
        } else {
            page = timedRead(c, source);
        }
        // Pages read already while the one before was applied join this one (the ledger is the
        // slower side then): fewer, larger transactions. Never waits for a read to end.
        List<OrderSnapshot> snapshots = page.snapshots();
        Instant newest = page.maxUpdatedAt();
        for (int joined = 1; joined < settings.pagesPerBatch() && c.prefetchedReady(); joined++) {
            Page next = await(c.takePrefetched());
            if (!next.snapshots().isEmpty()) {
                snapshots = new ArrayList<>(snapshots);
                snapshots.addAll(next.snapshots());
            }
            if (newest == null || (next.maxUpdatedAt() != null && next.maxUpdatedAt().isAfter(newest))) {
                newest = next.maxUpdatedAt();
            }
        }
        c.pageTaken(newest);
        // Keep pages read ahead. Whether a page is left is known once the read before it ended, so a
        // read queued behind another one finds out when it runs (the one thread keeps them in order).
        while (c.pagesAhead() < Math.max(1, settings.pagesAhead()) && c.hasUnreadPages()) {
            c.prefetch(prefetcher.submit(() -> c.hasUnreadPages() ? timedRead(c, source) : Page.NONE));
        }
        return snapshots;
    }

    private Page timedRead(PollCursor c, String source) {
        long started = System.nanoTime();
        try {
            return readPage(c, source);
        } finally {
            c.lazadaTime(System.nanoTime() - started);
        }
    }

    private static Page await(Future<Page> ahead) {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a page of orders", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Page readPage(PollCursor c, String source) {
        int limit = settings.pageSize();
        LazadaOrderReader.OrdersPage page = lazada.ordersUpdated(c.getSellerId(), c.getWindowStart(), c.getWindowEnd(), c.getOffset(), limit);
        if (c.expectedTotal() >= 0 && page.countTotal() != c.expectedTotal() && c.lastRowUpdatedAt() != null) {
            // Orders changed while we paged and the rows shifted: read on from the last row seen.
            LOG.info("GetOrders total changed from {} to {} while paging; re-reading from {}", c.expectedTotal(), page.countTotal(), c.lastRowUpdatedAt());
            c.restartFrom(c.lastRowUpdatedAt());
            page = lazada.ordersUpdated(c.getSellerId(), c.getWindowStart(), c.getWindowEnd(), 0, limit);
        }
        c.expectTotal(page.countTotal());

        List<LazadaOrder> rows = page.orders();
        // An update time in the future (a bad row; the planner dead-letters it) must not carry the
        // watermark or the window past orders not read yet.
        Instant believable = clock.instant().plus(OrderSanity.FUTURE_TOLERANCE);
        List<Instant> times = rows.stream().map(LazadaOrder::updatedAt).filter(t -> !t.isAfter(believable)).toList();
        Instant lastRow = times.isEmpty() ? null : times.get(times.size() - 1);
        Instant pageMax = times.stream().max(Instant::compareTo).orElse(null);

        for (LazadaOrderReader.RejectedRow bad : page.rejected()) {
            deadLetters.record(c.getSellerId(), bad.orderId(), source, "MalformedOrderRow", bad.error(), bad.raw());
        }

        // A backfill's page is newer than anything applied: then nothing on it is in the ledger.
        Map<String, LedgerIndex.Applied> applied = allNewerThan(rows, ledger.newestApplied(c.getSellerId()))
                ? Map.of()
                : ledger.applied(c.getSellerId(), rows.stream().map(LazadaOrder::orderId).toList());
        List<LazadaOrder> needed = new ArrayList<>();
        for (LazadaOrder o : rows) {
            LedgerIndex.Applied a = applied.get(o.orderId());
            if (a == null || a.lazadaUpdatedAt().isBefore(o.updatedAt())
                    || (a.lazadaUpdatedAt().equals(o.updatedAt()) && !sameStatuses(a.statuses(), o.statuses()))) {
                needed.add(o);
            }
        }
        List<OrderSnapshot> snapshots = new ArrayList<>(needed.size());
        if (!needed.isEmpty()) {
            LazadaOrderReader.ItemsByOrder items = lazada.itemsOf(c.getSellerId(), needed.stream().map(LazadaOrder::orderId).toList());
            for (LazadaOrderReader.RejectedRow bad : items.rejected()) {
                deadLetters.record(c.getSellerId(), bad.orderId(), source, "MalformedOrderItems", bad.error(), bad.raw());
            }
            for (LazadaOrder o : needed) {
                List<LazadaOrderItem> its = items.items().get(o.orderId());
                if (its == null || its.isEmpty()) {
                    if (items.rejected().stream().noneMatch(r -> o.orderId().equals(r.orderId()))) {
                        deadLetters.record(c.getSellerId(), o.orderId(), source, "MissingOrderItems",
                                "GetMultipleOrderItems returned no items for this order", null);
                    }
                    continue;
                }
                snapshots.add(new OrderSnapshot(c.getSellerId(), o, its, source));
            }
        }
        c.pageRead(lastRow, page.rows(), snapshots.size());
        advance(c, page, limit, lastRow);
        return new Page(snapshots, pageMax);
    }

    private void advance(PollCursor c, LazadaOrderReader.OrdersPage page, int limit, Instant lastRow) {
        if (page.rows() < limit || (long) c.getOffset() + page.rows() >= page.countTotal()) {
            c.finish();
            return;
        }
        if (c.getOffset() + limit <= settings.offsetCap()) {
            c.nextOffset(limit);
            return;
        }
        // Offset cap reached: move the window to the last row's update time and page again from 0.
        if (lastRow != null && lastRow.isAfter(c.getWindowStart())) {
            c.restartFrom(lastRow);
        } else {
            Instant next = c.getWindowStart().plusSeconds(1);
            LOG.error("more than {} orders share updated_at {}; continuing from {} (the reconciliation sweep re-checks this second)",
                    settings.offsetCap(), c.getWindowStart(), next);
            deadLetters.record(c.getSellerId(), null, "poll", "OffsetCapExceeded",
                    "more than " + settings.offsetCap() + " orders updated at " + c.getWindowStart(), null);
            c.restartFrom(next);
        }
    }

    /** After every order of the page is committed (or dead-lettered): move the watermark forward. */
    public void pageDone(PollCursor c) {
        Instant pageMax = c.getPageMaxUpdatedAt();
        if (pageMax == null || !c.movesWatermark()) {
            return;
        }
        Instant current = watermark(c.getSellerId());
        if (current == null || pageMax.isAfter(current)) {
            state.put(c.getSellerId(), SyncState.POLL_WATERMARK, pageMax.toString());
        }
        if (c.isMore() && !polledHere.test(c.getSellerId())) {
            LOG.info("seller {} is polled by another instance now: this poll stops after its page ({})", c.getSellerId(), c);
            c.abandon();
        }
    }

    /** At the end of a cycle that read every page. */
    public void cycleDone(PollCursor c) {
        if (!c.movesWatermark()) {
            LOG.info("window read: {}", c);
            return;
        }
        if (c.isAbandoned()) {
            return;
        }
        state.put(c.getSellerId(), SyncState.LAST_POLL_OK, clock.instant().toString());
        health.pollSucceeded(c.getSellerId());
        LOG.info("poll done: {}", c);
    }

    private static boolean allNewerThan(List<LazadaOrder> rows, Instant newestApplied) {
        return newestApplied == null || rows.stream().allMatch(o -> o.updatedAt().isAfter(newestApplied));
    }

    private static boolean sameStatuses(String stored, List<String> statuses) {
        return new TreeSet<>(Arrays.asList(stored.split(","))).equals(new TreeSet<>(statuses));
    }
}
