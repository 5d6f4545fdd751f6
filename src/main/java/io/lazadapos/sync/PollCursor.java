package io.lazadapos.sync;

import java.time.Instant;

/**
 * Where one poll cycle stands: the GetOrders window, the offset inside it, and the newest
 * {@code updated_at} read so far. Mutable, owned by the cycle that created it.
 */
public final class PollCursor {

    private final String sellerId;
    private final Instant windowEnd;
    private Instant windowStart;
    private int offset;
    private long expectedTotal = -1;
    private boolean more = true;
    private Instant lastRowUpdatedAt;
    private Instant pageMaxUpdatedAt;
    private int pages;
    private long ordersRead;
    private long ordersFetched;
    private long lazadaNanos;
    private final long startedNanos = System.nanoTime();

    public PollCursor(String sellerId, Instant windowStart, Instant windowEnd) {
        this.sellerId = sellerId;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
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

    /** Whether another page is to be read. */
    public boolean isMore() {
        return more;
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

    void lazadaTime(long nanos) {
        this.lazadaNanos += nanos;
    }

    void pageRead(Instant lastRow, Instant pageMax, int rows, int fetched) {
        this.pages++;
        this.ordersRead += rows;
        this.ordersFetched += fetched;
        if (lastRow != null) {
            this.lastRowUpdatedAt = lastRow;
        }
        this.pageMaxUpdatedAt = pageMax;
    }

    @Override
    public String toString() {
        return "poll of seller " + sellerId + " [" + windowStart + ", " + windowEnd + ") offset " + offset
                + ", " + pages + " pages, " + ordersRead + " orders read, " + ordersFetched + " fetched, in "
                + (System.nanoTime() - startedNanos) / 1_000_000 + " ms (" + lazadaNanos / 1_000_000 + " ms waiting for Lazada)";
    }
}
