package io.lazadapos.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lazadapos.flow.ReturnCase;
import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.lazada.LazadaOrderReader;
import io.lazadapos.lazada.LazadaReturns;
import io.lazadapos.lazada.LazadaReverseOrder;
import io.lazadapos.ledger.DeadLetters;
import io.lazadapos.ledger.SyncState;

/**
 * One seller's poll of reverse orders (returns, refund-only requests) modified since their own
 * watermark minus an overlap, page by page. The watermark moves after a page's cases are stored.
 */
public final class ReturnPoll {

    public static final String WATERMARK = "returns.watermark";

    /** Settings of the returns poll. */
    public record Settings(int pageSize, Duration overlap, Instant syncFrom) {
    }

    /** Where one returns poll stands: a fixed window, a page number, the newest change seen. */
    public static final class Cursor {
        private final String sellerId;
        private final Instant from;
        private final Instant to;
        private int pageNo = 1;
        private long expectedTotal = -1;
        private boolean more = true;
        private Instant pageMax;
        private int cases;

        Cursor(String sellerId, Instant from, Instant to) {
            this.sellerId = sellerId;
            this.from = from;
            this.to = to;
        }

        public boolean isMore() {
            return more;
        }

        public String getSellerId() {
            return sellerId;
        }

        @Override
        public String toString() {
            return "returns poll of seller " + sellerId + " [" + from + ", " + to + "] page " + pageNo + ", " + cases + " cases";
        }
    }

    private final LazadaReturns lazada;
    private final SyncState state;
    private final DeadLetters deadLetters;
    private final java.util.function.Function<String, LazadaCountry> countryOfSeller;
    private final Settings settings;
    private final Clock clock;

    public ReturnPoll(LazadaReturns lazada, SyncState state, DeadLetters deadLetters, LazadaCountry country, Settings settings, Clock clock) {
        this(lazada, state, deadLetters, seller -> country, settings, clock);
    }

    /** Each seller's amounts in the units of its country. */
    public ReturnPoll(LazadaReturns lazada, SyncState state, DeadLetters deadLetters, java.util.function.Function<String, LazadaCountry> countryOfSeller,
            Settings settings, Clock clock) {
        this.lazada = lazada;
        this.state = state;
        this.deadLetters = deadLetters;
        this.countryOfSeller = countryOfSeller;
        this.settings = settings;
        this.clock = clock;
    }

    public Cursor start(String sellerId) {
        Instant watermark = state.get(sellerId, WATERMARK).map(Instant::parse).orElse(null);
        Instant from = watermark == null ? settings.syncFrom() : watermark.minus(settings.overlap());
        Instant now = clock.instant();
        return new Cursor(sellerId, from, now.isAfter(from) ? now : from.plus(settings.overlap()));
    }

    public List<ReturnCase> nextPage(Cursor c) {
        LazadaReturns.Page page = lazada.modifiedBetween(c.sellerId, c.from, c.to, c.pageNo, settings.pageSize());
        if (c.expectedTotal >= 0 && page.total() != c.expectedTotal) {
            // Cases changed while we paged: read the window again from its first page (storing a case twice is harmless).
            c.pageNo = 1;
            page = lazada.modifiedBetween(c.sellerId, c.from, c.to, 1, settings.pageSize());
        }
        c.expectedTotal = page.total();
        for (LazadaOrderReader.RejectedRow bad : page.rejected()) {
            deadLetters.record(c.sellerId, bad.orderId(), "returns", "MalformedReverseOrder", bad.error(), bad.raw());
        }
        List<ReturnCase> cases = new ArrayList<>();
        Instant max = null;
        for (LazadaReverseOrder r : page.reverseOrders()) {
            cases.add(ReturnCase.of(c.sellerId, r, countryOfSeller.apply(c.sellerId), clock.instant()));
            Instant m = r.lastModified();
            if (m != null && (max == null || m.isAfter(max))) {
                max = m;
            }
        }
        c.pageMax = max;
        c.cases += cases.size();
        if (page.rows() < settings.pageSize() || (long) c.pageNo * settings.pageSize() >= page.total()) {
            c.more = false;
        } else {
            c.pageNo++;
        }
        return cases;
    }

    /** The return cases of one order, fresh from Lazada (after a reverse-order push). */
    public List<ReturnCase> casesOfOrder(String sellerId, String orderId) {
        LazadaReturns.Page page = lazada.ofOrder(sellerId, orderId, settings.pageSize());
        for (LazadaOrderReader.RejectedRow bad : page.rejected()) {
            deadLetters.record(sellerId, bad.orderId(), "push", "MalformedReverseOrder", bad.error(), bad.raw());
        }
        List<ReturnCase> cases = new ArrayList<>();
        for (LazadaReverseOrder r : page.reverseOrders()) {
            cases.add(ReturnCase.of(sellerId, r, countryOfSeller.apply(sellerId), clock.instant()));
        }
        return cases;
    }

    public void pageDone(Cursor c) {
        if (c.pageMax == null) {
            return;
        }
        Instant current = state.get(c.sellerId, WATERMARK).map(Instant::parse).orElse(null);
        if (current == null || c.pageMax.isAfter(current)) {
            state.put(c.sellerId, WATERMARK, c.pageMax.toString());
        }
    }
}
