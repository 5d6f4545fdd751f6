package io.lazadapos.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans of a batch of order snapshots (a poll page, a push burst, or one order), arranged for
 * the routes: per POS step, the orders it changes in this batch (each step's route runs once per
 * batch with exactly those, and not at all when there are none); per line step, the lines.
 * Applied in one transaction; each order's snapshot is judged on its own (stale, duplicate, new).
 */
public final class BatchPlan {

    /** A snapshot that could not be planned (bad data): it goes to the dead-letter table. */
    public record Rejected(OrderSnapshot snapshot, Exception error) {
    }

    /**
     * The orders one POS step changes in this batch: the router sends them to the step's route.
     * Not a record: the router reads it with Simple, whose method calls key a cache by the
     * object's hash, and a record's hash would walk every order's map each time.
     */
    public static final class StepGroup {
        private final PosStep step;
        private final List<Map<String, Object>> orders;

        public StepGroup(PosStep step, List<Map<String, Object>> orders) {
            this.step = step;
            this.orders = Collections.unmodifiableList(orders);
        }

        /** The step's name (CREATE_INVOICE, ...), which the router switches on. */
        public String step() {
            return step.name();
        }

        public String routeId() {
            return step.routeId();
        }

        /** The orders the step changes, by order id; never empty. */
        public List<Map<String, Object>> orders() {
            return orders;
        }
    }

    private final List<OrderPlan> plans;
    private final List<Rejected> rejected;
    private final int skipped;
    private final List<StepGroup> stepGroups;

    public BatchPlan(List<OrderPlan> plans, List<Rejected> rejected, int skipped) {
        List<OrderPlan> sorted = new ArrayList<>(plans);
        sorted.sort((a, b) -> a.orderId().compareTo(b.orderId()));
        this.plans = Collections.unmodifiableList(sorted);
        this.rejected = List.copyOf(rejected);
        this.skipped = skipped;
        Map<PosStep, List<Map<String, Object>>> byStep = new EnumMap<>(PosStep.class);
        for (OrderPlan p : this.plans) {
            p.steps().forEach((step, m) -> byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(m));
        }
        List<StepGroup> groups = new ArrayList<>();
        byStep.forEach((step, orders) -> groups.add(new StepGroup(step, orders)));
        this.stepGroups = Collections.unmodifiableList(groups);
    }

    public List<OrderPlan> plans() {
        return plans;
    }

    public boolean hasPlans() {
        return !plans.isEmpty();
    }

    public List<Rejected> rejected() {
        return rejected;
    }

    public boolean hasRejected() {
        return !rejected.isEmpty();
    }

    public int skipped() {
        return skipped;
    }

    /** The applied orders' own rows (pos_order), new and known ({@code newOrder} tells which). */
    public List<Map<String, Object>> orders() {
        return plans.stream().map(OrderPlan::params).toList();
    }

    /** Lines that are new or whose Lazada status changed. */
    public List<Map<String, Object>> lines() {
        return concat(OrderPlan::lines);
    }

    /** Lines that leave their document in this batch (cancelled, or failed beside others). */
    public List<Map<String, Object>> removedLines() {
        return concat(OrderPlan::removedLines);
    }

    /** Reviews to open (one per order and reason, never one that exists). */
    public List<Map<String, Object>> reviews() {
        return concat(OrderPlan::reviews);
    }

    /** Held orders whose statuses are all mapped now, and whose UNMAPPED_STATUS review is still open. */
    public List<Map<String, Object>> released() {
        return plans.stream().filter(OrderPlan::releasedFromUnmapped).map(OrderPlan::params).toList();
    }

    /** Per POS step that changes any order of the batch, those orders; in the order the steps run. */
    public List<StepGroup> stepGroups() {
        return stepGroups;
    }

    /** The ledger events the batch writes, by type: what each step's map and each line or review stands for. */
    public Map<String, Long> eventsByType() {
        Map<String, Long> byType = new java.util.TreeMap<>();
        stepGroups.forEach(g -> g.orders().forEach(m -> byType.merge((String) m.get("eventType"), 1L, Long::sum)));
        plans.forEach(p -> {
            if (p.hasRemovedLines()) {
                byType.merge("REMOVE_LINE", (long) p.removedLines().size(), Long::sum);
            }
            if (p.hasReviews()) {
                byType.merge("OPEN_REVIEW", (long) p.reviews().size(), Long::sum);
            }
            if (p.releasedFromUnmapped()) {
                byType.merge("RESOLVE_REVIEW", 1L, Long::sum);
            }
        });
        return byType;
    }

    /** The keys of the applied orders, sorted: locks are taken in this order, so batches never deadlock. */
    public List<Map<String, Object>> keys() {
        return plans.stream().map(p -> Map.<String, Object>of("sellerId", p.sellerId(), "orderId", p.orderId())).toList();
    }

    private List<Map<String, Object>> concat(java.util.function.Function<OrderPlan, List<Map<String, Object>>> rows) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (OrderPlan p : plans) {
            all.addAll(rows.apply(p));
        }
        return all;
    }

    @Override
    public String toString() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        plans.forEach(p -> counts.merge(p.stage().name(), 1, Integer::sum));
        return "batch of " + plans.size() + " orders " + counts + ", " + skipped + " skipped, " + rejected.size() + " rejected";
    }
}
