package io.lazadapos.sync;

import java.time.Instant;
import java.util.concurrent.Future;

/**
 * Where one poll cycle stands: the GetOrders window, the offset inside it, and the newest
 * {@code updated_at} read so far. Mutable, owned by the cycle that created it.
 */
public final class PollCursor {

    private final String sellerId;
    private final Instant windowEnd;
    private final boolean movesWatermark;
    private Instant windowStart;
    private int offset;
    // Progress fields are volatile: a resync's progress is read by API threads while it runs.
    private volatile long expectedTotal = -1;
    private volatile boolean more = true;
    private volatile boolean abandoned;
    private Instant lastRowUpdatedAt;
    private volatile Instant pageMaxUpdatedAt;
    // Pages read (or being read) ahead of the one applied, oldest first.
    private final java.util.concurrent.ConcurrentLinkedDeque<Future<OrderPoll.Page>> ahead = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile int pages;
    private volatile long ordersRead;
    private volatile long ordersFetched;
    private volatile long lazadaNanos;
    private final long startedNanos = System.nanoTime();

    public PollCursor(String sellerId, Instant windowStart, Instant windowEnd) {
        this(sellerId, windowStart, windowEnd, true);
    }

    /**
     * With {@code movesWatermark} false (a resync of an explicit window), reading the window
     * leaves the poll's watermark and health alone: a window that starts after the watermark
     * must not move it past orders the poll has not read yet.
     */
    public PollCursor(String sellerId, Instant windowStart, Instant windowEnd, boolean movesWatermark) {
        this.sellerId = sellerId;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.movesWatermark = movesWatermark;
    }

    public boolean movesWatermark() {
        return movesWatermark;
    }

    /** Orders Lazada counted in the window at the last page read (-1 before the first page). */
    public long getExpectedTotal() {
        return expectedTotal;
    }
    public String getSellerId() {
        return sellerId;
    }

    public Instant getWindowStart() {
        return windowStart;
    }

    public Instant getWindowEnd() {
        return windowEnd;
    }

    public int getOffset() {
        return offset;
    }

    /** Whether another page is to be applied (read already, or still to read). */
    public boolean isMore() {
        return more || !ahead.isEmpty();
    }

    public Instant getPageMaxUpdatedAt() {
        return pageMaxUpdatedAt;
    }

    public int getPages() {
        return pages;
    }

    public long getOrdersRead() {
        return ordersRead;
    }

    public long getOrdersFetched() {
        return ordersFetched;
    }

    long expectedTotal() {
        return expectedTotal;
    }

    void expectTotal(long total) {
        this.expectedTotal = total;
    }

    Instant lastRowUpdatedAt() {
        return lastRowUpdatedAt;
    }

    void restartFrom(Instant start) {
        this.windowStart = start;
        this.offset = 0;
        this.expectedTotal = -1;
    }

    void nextOffset(int pageSize) {
        this.offset += pageSize;
    }

    void finish() {
        this.more = false;
    }

    /** Another instance polls the seller now: this cycle stops after the page it applied (pages read ahead are dropped). */
    void abandon() {
        this.abandoned = true;
        this.more = false;
        Future<OrderPoll.Page> f;
        while ((f = ahead.pollFirst()) != null) {
            f.cancel(false);
        }
    }

    public boolean isAbandoned() {
        return abandoned;
    }

    void lazadaTime(long nanos) {
        this.lazadaNanos += nanos;
    }

    /** Whether another page is to be read from Lazada (not counting those read ahead). */
    boolean hasUnreadPages() {
        return more;
    }

    /** The oldest page read ahead, or null. */
    Future<OrderPoll.Page> takePrefetched() {
        return ahead.pollFirst();
    }

    /** Whether the oldest page read ahead is there already (its read ended). */
    boolean prefetchedReady() {
        return pagesReadyAhead() > 0;
    }

    /** The pages read ahead whose reads ended, counted from the oldest up to the first still being read. */
    int pagesReadyAhead() {
        int ready = 0;
        for (Future<OrderPoll.Page> page : ahead) {
            if (!page.isDone()) {
                break;
            }
            ready++;
        }
        return ready;
    }

    void prefetch(Future<OrderPoll.Page> page) {
        ahead.addLast(page);
    }

    int pagesAhead() {
        return ahead.size();
    }

    /** The page handed out to be applied: pageDone moves the watermark to its newest update. */
    void pageTaken(Instant maxUpdatedAt) {
        this.pageMaxUpdatedAt = maxUpdatedAt;
    }

    void pageRead(Instant lastRow, int rows, int fetched) {
        this.pages++;
        this.ordersRead += rows;
        this.ordersFetched += fetched;
        if (lastRow != null) {
            this.lastRowUpdatedAt = lastRow;
        }
    }

    @Override
    public String toString() {
        return "poll of seller " + sellerId + " [" + windowStart + ", " + windowEnd + ") offset " + offset
                + ", " + pages + " pages, " + ordersRead + " orders read, " + ordersFetched + " fetched, in "
                + (System.nanoTime() - startedNanos) / 1_000_000 + " ms (" + lazadaNanos / 1_000_000 + " ms waiting for Lazada)";
    }
}
