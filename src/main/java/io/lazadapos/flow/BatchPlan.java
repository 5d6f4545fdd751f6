package io.lazadapos.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans of a batch of order snapshots (a poll page, a push burst, or one order), arranged for
 * batch SQL: one parameter list per POS step, and the orders grouped by stage for the router.
 * Applied in one transaction; each order's snapshot is judged on its own (stale, duplicate, new).
 */
public final class BatchPlan {

    /** A snapshot that could not be planned (bad data): it goes to the dead-letter table. */
    public record Rejected(OrderSnapshot snapshot, Exception error) {
    }

    /**
     * The orders of one stage: the router sends each group through the steps of its stage. Not a
     * record: the router reads it with Simple, whose method calls key a cache by the object's hash,
     * and a record's hash would walk every order's parameters each time.
     */
    public static final class StageGroup {
        private final String stage;
        private final List<Map<String, Object>> params;

        public StageGroup(String stage, List<Map<String, Object>> params) {
            this.stage = stage;
            this.params = params;
        }

        public String stage() {
            return stage;
        }

        public List<Map<String, Object>> params() {
            return params;
        }
    }

    private final List<OrderPlan> plans;
    private final List<Rejected> rejected;
    private final int skipped;
    private final java.time.OffsetDateTime now;
    private final NewOrderDocuments newDocuments;

    public BatchPlan(List<OrderPlan> plans, List<Rejected> rejected, int skipped, java.time.OffsetDateTime now) {
        this.now = now;
        List<OrderPlan> sorted = new ArrayList<>(plans);
        sorted.sort((a, b) -> a.orderId().compareTo(b.orderId()));
        this.plans = Collections.unmodifiableList(sorted);
        this.rejected = List.copyOf(rejected);
        this.skipped = skipped;
        this.newDocuments = new NewOrderDocuments(this.plans.stream().filter(p -> !p.knownOrder()).toList());
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

    /** Parameters of the orders the ledger does not know yet. */
    public List<Map<String, Object>> newOrders() {
        return plans.stream().filter(p -> !p.knownOrder()).map(OrderPlan::params).toList();
    }

    /** Parameters of the orders the ledger knows. */
    public List<Map<String, Object>> knownOrders() {
        return plans.stream().filter(OrderPlan::knownOrder).map(OrderPlan::params).toList();
    }

    /** Every line of the known orders that are not held as UNMAPPED. */
    public List<Map<String, Object>> lines() {
        List<Map<String, Object>> all = new ArrayList<>();
        plans.stream().filter(p -> p.knownOrder() && p.stage() != Stage.UNMAPPED).forEach(p -> all.addAll(p.lines()));
        return all;
    }

    /** What the orders the ledger does not know yet write: their lines, documents and events, by plain inserts. */
    public NewOrderDocuments newDocuments() {
        return newDocuments;
    }

    /** Lines of known orders that leave their document, with what their REMOVE_LINE event records. */
    public List<Map<String, Object>> removedLines() {
        return withEventFields(p -> p.knownOrder() ? p.removedLines() : List.of());
    }

    /** Parameters of the known orders that lost lines (their totals follow). */
    public List<Map<String, Object>> ordersWithRemovedLines() {
        return plans.stream().filter(p -> p.knownOrder() && p.hasRemovedLines()).map(OrderPlan::params).toList();
    }

    /** Reviews to open, with what their OPEN_REVIEW event records. */
    public List<Map<String, Object>> reviews() {
        return withEventFields(OrderPlan::reviews);
    }

    /** Orders released from UNMAPPED by a status mapped since. */
    public List<Map<String, Object>> released() {
        return plans.stream().filter(OrderPlan::releasedFromUnmapped).map(OrderPlan::params).toList();
    }

    /** The known orders by stage, in the order of the stages (new orders' documents are in {@link #newDocuments()}). */
    public List<StageGroup> stageGroups() {
        Map<Stage, List<Map<String, Object>>> byStage = new EnumMap<>(Stage.class);
        for (OrderPlan p : plans) {
            if (!p.knownOrder()) {
                continue;
            }
            byStage.computeIfAbsent(p.stage(), s -> new ArrayList<>()).add(p.params());
        }
        List<StageGroup> groups = new ArrayList<>();
        byStage.forEach((stage, params) -> groups.add(new StageGroup(stage.name(), params)));
        return groups;
    }

    /**
     * What finds the ledger events this batch's guarded steps wrote: the orders that took them (known
     * orders, and new ones with reviews) and the instant they were recorded at. New orders' other
     * events are counted from {@link #newDocuments()}.
     */
    public Map<String, Object> eventLookup() {
        return Map.of("sellerId", plans.isEmpty() ? "" : plans.get(0).sellerId(),
                "orderIds", plans.stream().filter(BatchPlan::tookGuardedSteps).map(OrderPlan::orderId).toList(), "now", now);
    }

    /** Whether any order went through the guarded steps (see {@link #eventLookup()}). */
    public boolean hasEventLookup() {
        return plans.stream().anyMatch(BatchPlan::tookGuardedSteps);
    }

    private static boolean tookGuardedSteps(OrderPlan p) {
        return p.knownOrder() || p.hasReviews();
    }

    /** The keys of the applied orders, sorted: locks are taken in this order, so batches never deadlock. */
    public List<Map<String, Object>> keys() {
        return plans.stream().map(p -> Map.<String, Object>of("sellerId", p.sellerId(), "orderId", p.orderId())).toList();
    }

    private List<Map<String, Object>> withEventFields(java.util.function.Function<OrderPlan, List<Map<String, Object>>> rows) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (OrderPlan p : plans) {
            for (Map<String, Object> row : rows.apply(p)) {
                Map<String, Object> m = new HashMap<>(row);
                m.put("now", p.now());
                m.put("source", p.source());
                m.put("lazadaUpdatedAt", p.lazadaUpdatedAt());
                all.add(m);
            }
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
