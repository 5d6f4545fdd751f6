package io.lazadapos.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;

/**
 * A mock appended at the end of each POS step route, the way an integrator appends a step: it sees
 * what such a step would see. Reads back, per route, the orders (or lines, reviews) it received.
 */
public final class StepRouteMocks {

    /** The six POS actions' routes, and the ledger events each writes. */
    public static final Map<String, List<String>> STEP_EVENTS = stepEvents();
    /** The other step routes with changes of their own: lines, removals, reviews. */
    public static final Map<String, List<String>> OTHER_STEP_EVENTS = Map.of(
            "pos-remove-lines", List.of("REMOVE_LINE"),
            "pos-open-reviews", List.of("OPEN_REVIEW"),
            "pos-release-unmapped", List.of("RESOLVE_REVIEW"));

    private static Map<String, List<String>> stepEvents() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("pos-create-sales-order", List.of("CREATE_SALES_ORDER"));
        m.put("pos-create-invoice", List.of("CREATE_INVOICE", "CONVERT_TO_INVOICE"));
        m.put("pos-mark-sent", List.of("MARK_SENT"));
        m.put("pos-add-payment", List.of("ADD_PAYMENT"));
        m.put("pos-void-sales-order", List.of("VOID_SALES_ORDER"));
        m.put("pos-recycle-invoice", List.of("RECYCLE_INVOICE"));
        return m;
    }

    /** Every step route a mock goes on. */
    public static List<String> allRoutes() {
        List<String> all = new ArrayList<>(STEP_EVENTS.keySet());
        all.addAll(List.of("pos-sync-lines", "pos-remove-lines", "pos-open-reviews", "pos-release-unmapped"));
        return all;
    }

    private final CamelContext context;

    public StepRouteMocks(CamelContext context) {
        this.context = context;
    }

    /** A change a step route's appended step saw: the route and the key of the map (see {@link #key}). */
    public record Arrival(String routeId, String key) {
    }

    private final List<Arrival> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Arrival> committed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger outsideTransaction = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Appends to each of these routes (before or after the context started) a step that notes what
     * it sees (in arrival order over all routes, and again once its transaction has committed),
     * then {@code mock:after-<routeId>}.
     */
    public StepRouteMocks appendTo(List<String> routeIds) throws Exception {
        for (String id : routeIds) {
            AdviceWith.adviceWith(context, id, r -> r.weaveAddLast().process(e -> note(id, e)).to("mock:after-" + id));
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private void note(String routeId, Exchange e) {
        List<Arrival> seen = new ArrayList<>();
        for (Object m : e.getMessage().getBody(List.class)) {
            seen.add(new Arrival(routeId, key((Map<String, Object>) m)));
        }
        arrivals.addAll(seen);
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            outsideTransaction.incrementAndGet();
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        committed.addAll(seen);
                    }
                });
    }

    /** What the appended steps saw, in arrival order over all routes (rolled-back batches included). */
    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** What they saw in transactions that committed, in commit order. */
    public List<Arrival> committed() {
        return List.copyOf(committed);
    }

    /** How many times an appended step ran outside a transaction (never, by the routes' contract). */
    public int runsOutsideTransaction() {
        return outsideTransaction.get();
    }

    public MockEndpoint mock(String routeId) {
        return context.getEndpoint("mock:after-" + routeId, MockEndpoint.class);
    }

    /** How many times the route ran (once per batch that changed something for it). */
    public int runs(String routeId) {
        return mock(routeId).getReceivedExchanges().size();
    }

    /** The maps the route's appended step received, over all its runs, in order. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> received(String routeId) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Exchange e : mock(routeId).getReceivedExchanges()) {
            Object body = e.getMessage().getBody();
            if (!(body instanceof List<?> list) || list.isEmpty()) {
                throw new AssertionError(routeId + " ran with a body that is not a list of changes: " + body);
            }
            list.forEach(m -> all.add((Map<String, Object>) m));
        }
        return all;
    }

    /** What the route received, one key per map: "orderId", or "orderId/subject" for lines and reviews. */
    public List<String> keys(String routeId) {
        return received(routeId).stream().map(StepRouteMocks::key).toList();
    }

    /** The key of a ledger event's change as {@link #keys} gives it (subject: item id of REMOVE_LINE, reason of a review). */
    public static String key(Map<String, Object> m) {
        Object subject = m.containsKey("orderItemId") ? m.get("orderItemId") : m.get("reason");
        return subject == null ? String.valueOf(m.get("orderId")) : m.get("orderId") + "/" + subject;
    }

    public void reset() {
        allRoutes().forEach(id -> mock(id).reset());
        arrivals.clear();
        committed.clear();
    }
}
