package io.lazadapos.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderReader;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.ledger.LedgerDocuments;
import io.lazadapos.ledger.LedgerDocuments.OrderDocuments;
import io.lazadapos.ledger.ReconciliationRuns;
import io.lazadapos.ledger.ReconciliationRuns.Counts;

/**
 * The reconciliation sweep: lists the orders Lazada updated in the last N days, compares each with
 * the ledger, and has every order that is missing, behind, or whose documents do not fit its stage
 * fetched fresh and synced again. What it found and repaired is recorded per run. It catches what
 * the poll and pushes can miss (an order updated behind the watermark, a dead letter whose cause
 * has passed, a push that never came).
 */
public final class Reconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    /** Fetches one order fresh from Lazada and syncs it (the fetch-and-sync route). */
    @FunctionalInterface
    public interface Repair {
        void fetchAndSync(String sellerId, String orderId);
    }

    /**
     * @param interval   how often the scheduled sweep runs
     * @param days       how far back the scheduled sweep looks
     * @param maxDays    the most an on-demand sweep may look back
     */
    public record Settings(int pageSize, int offsetCap, Duration interval, int days, int maxDays) {
    }

    /** A sweep's request refused because another one of the seller is running. */
    public static final class AlreadyRunning extends IllegalStateException {
        private final transient Map<String, Object> run;

        AlreadyRunning(Map<String, Object> run) {
            super("a reconciliation sweep of seller " + run.get("sellerId") + " is running already (run " + run.get("id") + ")");
            this.run = run;
        }

        public Map<String, Object> run() {
            return run;
        }
    }

    /** How far the poll has read a seller's orders (its watermark), or null before its first page. */
    @FunctionalInterface
    public interface PollProgress {
        Instant watermark(String sellerId);
    }

    private final LazadaOrders lazada;
    private final PollProgress poll;
    private final LedgerDocuments ledger;
    private final ReconciliationRuns runs;
    private final ReconciliationCheck check;
    private final Repair repair;
    private final Settings settings;
    private final Clock clock;

    public Reconciliation(LazadaOrders lazada, PollProgress poll, LedgerDocuments ledger, ReconciliationRuns runs, ReconciliationCheck check,
            Repair repair, Settings settings, Clock clock) {
        this.lazada = lazada;
        this.poll = poll;
        this.ledger = ledger;
        this.runs = runs;
        this.check = check;
        this.repair = repair;
        this.settings = settings;
        this.clock = clock;
    }

    /** For the schedule: the last sweep started longer ago than the interval (or never), and none is running. */
    public boolean due(String sellerId) {
        if (runs.running(sellerId).isPresent()) {
            return false;
        }
        Instant last = runs.lastStarted(sellerId);
        return last == null || !last.plus(settings.interval()).isAfter(clock.instant());
    }

    /** Records a new sweep (RUNNING) over the last {@code days} days and answers it; {@link #run(long)} does the work. */
    public synchronized Map<String, Object> start(String sellerId, Integer days, String trigger) {
        int d = days == null ? settings.days() : days;
        if (d < 1 || d > settings.maxDays()) {
            throw new IllegalArgumentException("days must be between 1 and " + settings.maxDays() + ", got " + d);
        }
        runs.running(sellerId).ifPresent(r -> {
            throw new AlreadyRunning(r);
        });
        // Orders updated after the poll's watermark are the poll's next page, not something it missed.
        Instant now = clock.instant();
        Instant watermark = poll.watermark(sellerId);
        Instant end = watermark != null && watermark.plusSeconds(1).isBefore(now) ? watermark.plusSeconds(1) : now;
        long id = runs.start(sellerId, trigger, d, now.minus(Duration.ofDays(d)), end);
        LOG.info("reconciliation sweep {} of seller {} over the last {} days started ({})", id, sellerId, d, trigger);
        return runs.find(id);
    }

    /** The sweep itself; answers its run with the counts. A failure (Lazada unreachable) ends the run as FAILED. */
    public Map<String, Object> run(long runId) {
        Map<String, Object> run = runs.find(runId);
        if (run == null) {
            throw new IllegalArgumentException("no reconciliation run " + runId);
        }
        String sellerId = (String) run.get("sellerId");
        Instant from = (Instant) run.get("windowStart");
        Instant to = (Instant) run.get("windowEnd");
        Tally tally = new Tally();
        try {
            sweep(runId, sellerId, from, to, tally);
            runs.finish(runId, tally.counts());
            LOG.info("reconciliation sweep {} of seller {} done: {}", runId, sellerId, tally.counts());
        } catch (RuntimeException e) {
            runs.fail(runId, tally.counts(), e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.error("reconciliation sweep {} of seller {} failed after {}: {}", runId, sellerId, tally.counts(), e.getMessage());
        }
        return runs.find(runId);
    }

    private void sweep(long runId, String sellerId, Instant from, Instant to, Tally tally) {
        Set<String> seen = new HashSet<>();
        Instant windowStart = from;
        int offset = 0;
        int limit = settings.pageSize();
        while (true) {
            LazadaOrderReader.OrdersPage page = lazada.ordersUpdated(sellerId, windowStart, to, offset, limit);
            List<LazadaOrder> fresh = new ArrayList<>();
            for (LazadaOrder o : page.orders()) {
                if (seen.add(o.orderId())) {
                    fresh.add(o);
                }
            }
            // Rows Lazada sent that cannot be read: their orders are fetched one by one, like missing ones.
            List<String> unreadable = page.rejected().stream().map(LazadaOrderReader.RejectedRow::orderId)
                    .filter(id -> id != null && seen.add(id)).toList();
            compareAndRepair(sellerId, fresh, unreadable, tally);
            runs.progress(runId, tally.counts());
            Instant lastRow = page.orders().isEmpty() ? null : page.orders().get(page.orders().size() - 1).updatedAt();
            if (page.rows() < limit || (long) offset + page.rows() >= page.countTotal()) {
                return;
            }
            if (offset + 2L * limit <= settings.offsetCap()) {
                offset += limit;
            } else if (lastRow != null && lastRow.isAfter(windowStart)) {
                windowStart = lastRow;
                offset = 0;
            } else {
                windowStart = windowStart.plusSeconds(1);
                offset = 0;
            }
        }
    }

    private void compareAndRepair(String sellerId, List<LazadaOrder> orders, List<String> unreadable, Tally tally) {
        Map<String, OrderDocuments> held = ledger.of(sellerId, orders.stream().map(LazadaOrder::orderId).toList());
        List<String> toRepair = new ArrayList<>(unreadable);
        tally.checked += orders.size() + unreadable.size();
        tally.missing += unreadable.size();
        for (LazadaOrder o : orders) {
            ReconciliationCheck.Finding f = check.compare(o, held.get(o.orderId()));
            if (f == null) {
                continue;
            }
            switch (f) {
                case MISSING -> tally.missing++;
                case WRONG_STATUS -> tally.wrongStatus++;
                case WRONG_STAGE -> tally.wrongStage++;
            }
            LOG.info("reconciliation: order {} of seller {} is {} in the ledger; fetching it fresh", o.orderId(), sellerId,
                    f.name().toLowerCase().replace('_', ' '));
            toRepair.add(o.orderId());
        }
        for (String orderId : toRepair) {
            try {
                repair.fetchAndSync(sellerId, orderId);
            } catch (RuntimeException e) {
                // Counted below as unrepaired; the sweep goes on with the other orders.
                LOG.warn("reconciliation: fetching order {} of seller {} failed: {}", orderId, sellerId, e.getMessage());
            }
        }
        if (!toRepair.isEmpty()) {
            Map<String, OrderDocuments> after = ledger.of(sellerId, toRepair);
            Map<String, LazadaOrder> listed = new java.util.HashMap<>();
            orders.forEach(o -> listed.put(o.orderId(), o));
            for (String orderId : toRepair) {
                OrderDocuments d = after.get(orderId);
                LazadaOrder o = listed.get(orderId);
                boolean right = d != null && (o == null ? ReconciliationCheck.documentsFit(d) : check.compare(o, d) == null);
                if (right) {
                    tally.repaired++;
                } else {
                    tally.unrepaired++;
                }
            }
        }
    }

    private static final class Tally {
        int checked;
        int missing;
        int wrongStatus;
        int wrongStage;
        int repaired;
        int unrepaired;

        Counts counts() {
            return new Counts(checked, missing, wrongStatus, wrongStage, repaired, unrepaired);
        }
    }
}
