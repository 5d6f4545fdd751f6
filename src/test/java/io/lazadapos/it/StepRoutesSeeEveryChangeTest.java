package io.lazadapos.it;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lazadapos.routes.StepRouteMocks;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.PushSettings;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxOrderView;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise to integrators, over the whole runtime and the sandbox's orders: a step appended to a
 * POS step route sees every change of that step exactly once, inside the batch's transaction, and
 * nothing else. The runtime runs from a copy of routes/ with the edit the README shows (an insert
 * into the integrator's own table in pos-create-invoice) and a mock appended to every step route;
 * Lazada backfills, moves orders on, pushes, is polled again (replays), resynced, reconciled, and
 * the runtime restarts. At the end, what the appended steps received is compared with the ledger's
 * events, order by order and in order.
 */
class StepRoutesSeeEveryChangeTest {

    /** How many orders the sandbox backfills (-Dsteps.orders=...). */
    private static final int ORDERS = Integer.getInteger("steps.orders", 2000);

    /** The edit of README "Changing a route": every new invoice also goes into the integrator's table. */
    static final String INTEGRATOR_STEP = """
                    - to:
                        uri: sql
                        parameters:
                          batch: true
                          query: >-
                            INSERT INTO shop_invoice_feed (seller_id, order_id, invoice_number, total, source)
                            VALUES (:#sellerId, :#orderId, :#invoiceNumber, :#total, :#source)
            """;

    /** routes/ copied into {@code dir}, with {@link #INTEGRATOR_STEP} at the end of pos-create-invoice. */
    static Path editedRoutes(Path dir) throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        try (var files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Path ledger = routes.resolve("pos-ledger.camel.yaml");
        String marker = "        # An integrator's steps go here: the body is the list of the invoices just created.\n";
        String yaml = Files.readString(ledger);
        assertThat(yaml).contains(marker);
        Files.writeString(ledger, yaml.replace(marker, marker + INTEGRATOR_STEP));
        return routes;
    }

    static void createIntegratorTable(RunningApp app) {
        app.jdbc().execute("CREATE TABLE shop_invoice_feed (seller_id VARCHAR(64) NOT NULL, order_id VARCHAR(64) NOT NULL, "
                + "invoice_number VARCHAR(80) NOT NULL, total DECIMAL(18,2) NOT NULL, source VARCHAR(16) NOT NULL)");
    }

    /** The route a ledger event's type is written by, and its key as {@link StepRouteMocks#keys} gives it. */
    static StepRouteMocks.Arrival arrivalOf(String orderId, String type, String subject) {
        String route = switch (type) {
            case "CREATE_SALES_ORDER" -> "pos-create-sales-order";
            case "CREATE_INVOICE", "CONVERT_TO_INVOICE" -> "pos-create-invoice";
            case "MARK_SENT" -> "pos-mark-sent";
            case "ADD_PAYMENT" -> "pos-add-payment";
            case "VOID_SALES_ORDER" -> "pos-void-sales-order";
            case "RECYCLE_INVOICE" -> "pos-recycle-invoice";
            case "REMOVE_LINE" -> "pos-remove-lines";
            case "OPEN_REVIEW" -> "pos-open-reviews";
            case "RESOLVE_REVIEW" -> "pos-release-unmapped";
            default -> null;
        };
        if (route == null) {
            return null;
        }
        boolean withSubject = type.equals("REMOVE_LINE") || type.equals("OPEN_REVIEW");
        return new StepRouteMocks.Arrival(route, withSubject ? orderId + "/" + subject : orderId);
    }

    /** Per order, the step routes' changes in the order the ledger's events were written. */
    static Map<String, List<StepRouteMocks.Arrival>> ledgerChanges(RunningApp app) {
        Map<String, List<StepRouteMocks.Arrival>> byOrder = new TreeMap<>();
        for (Map<String, Object> row : app.jdbc().queryForList("SELECT order_id, type, subject FROM ledger_event ORDER BY id")) {
            Map<String, Object> e = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            e.putAll(row);
            StepRouteMocks.Arrival a = arrivalOf((String) e.get("order_id"), (String) e.get("type"), (String) e.get("subject"));
            if (a != null) {
                byOrder.computeIfAbsent((String) e.get("order_id"), k -> new ArrayList<>()).add(a);
            }
        }
        return byOrder;
    }

    /** Per order, what the appended steps received (in these arrivals' order). */
    static Map<String, List<StepRouteMocks.Arrival>> byOrder(List<StepRouteMocks.Arrival> arrivals) {
        Map<String, List<StepRouteMocks.Arrival>> m = new TreeMap<>();
        for (StepRouteMocks.Arrival a : arrivals) {
            m.computeIfAbsent(a.key().split("/")[0], k -> new ArrayList<>()).add(a);
        }
        return m;
    }

    static Map<String, long[]> perRoute(List<StepRouteMocks.Arrival> received, Map<String, List<StepRouteMocks.Arrival>> ledger) {
        Map<String, long[]> m = new LinkedHashMap<>();
        StepRouteMocks.allRoutes().stream().filter(r -> !r.equals("pos-sync-lines")).forEach(r -> m.put(r, new long[2]));
        received.forEach(a -> m.computeIfPresent(a.routeId(), (k, v) -> { v[0]++; return v; }));
        ledger.values().forEach(l -> l.forEach(a -> m.get(a.routeId())[1]++));
        return m;
    }

    private static void awaitQuiet(RunningApp app, LazadaSandbox lazada) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> lazada.pushStats().pending() == 0
                && app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status IN ('PENDING', 'CLAIMED')") == 0);
    }

    @Test
    void everyStepRouteReceivesExactlyTheChangesTheLedgerRecords(@TempDir Path dir) throws Exception {
        Path routes = editedRoutes(dir);
        int port = RunningApp.freePort();
        TestClock clock = TestClock.anHourAgo();
        Random random = new Random(20261206);
        try (LazadaSandbox lazada = LazadaSandbox.start(SandboxSettings.defaults().withClock(clock)
                .withPushes(PushSettings.to("http://127.0.0.1:" + port + "/lazada/push")))) {
            Map<String, String> settings = RunningApp.defaults();
            settings.putAll(TestDatabase.durable(dir));
            settings.put("camel.server.port", Integer.toString(port));
            settings.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
            settings.put("lazada.api-url", lazada.baseUrl());
            settings.put("lazada.country", "ID");
            settings.put("lazada.app-key", lazada.settings().appKey());
            settings.put("lazada.app-secret", lazada.settings().appSecret());
            settings.put("lazada.access-token", lazada.settings().accessToken());
            settings.put("lazada.refresh-token", lazada.settings().refreshToken());
            lazada.generateBackfill(ORDERS);
            // Orders waiting for payment (some paid later, some cancelled), and some with a status the
            // mapping does not know yet (held; released when the restart maps it).
            List<String> unpaid = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                unpaid.add(lazada.createOrder(SandboxOrderSpec.builder().items(1 + i % 3).status("unpaid").build()));
            }
            List<String> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(lazada.createOrder(SandboxOrderSpec.builder().items(1 + i % 2).status("in_transit").build()));
            }

            List<StepRouteMocks.Arrival> received = new ArrayList<>();
            List<StepRouteMocks.Arrival> committed = new ArrayList<>();
            int moved = 0;
            int outside = 0;
            try (RunningApp app = RunningApp.start(settings)) {
                createIntegratorTable(app);
                StepRouteMocks mocks = new StepRouteMocks(app.context()).appendTo(StepRouteMocks.allRoutes());
                app.pollNow(); // the backfill: new orders at every stage
                for (int round = 0; round < 4; round++) {
                    clock.advance(Duration.ofMinutes(2));
                    lazada.advance(); // the sandbox's own scripted transitions
                    for (int i = round * 5; i < round * 5 + 5; i++) { // the buyers of unpaid orders pay, or give up
                        lazada.setOrderStatus(unpaid.get(i), i % 2 == 0 ? "pending" : "canceled");
                    }
                    moved += LazadaMoves.moveOn(lazada, lazada.orders(), random, 150); // pushed as they happen
                    awaitQuiet(app, lazada);
                    app.pollNow(); // reads them again (the overlap): replays
                }
                // Resyncs of orders whose documents are complete, and a reconciliation sweep.
                List<SandboxOrderView> all = lazada.orders();
                for (int i = 0; i < 30; i++) {
                    app.fetchAndSync("default", all.get(random.nextInt(all.size())).orderId(), "resync");
                }
                assertThat(app.post("/api/reconcile?days=3&wait=true", new byte[0]).statusCode()).isEqualTo(200);
                received.addAll(mocks.arrivals());
                committed.addAll(mocks.committed());
                outside += mocks.runsOutsideTransaction();
                for (String route : StepRouteMocks.allRoutes()) {
                    mocks.received(route); // every run had a non-empty list of changes
                }
            }

            // While the runtime is down Lazada moves on (its pushes are lost); the restart's poll catches up.
            clock.advance(Duration.ofMinutes(2));
            lazada.advance();
            moved += LazadaMoves.moveOn(lazada, lazada.orders(), random, 100);
            settings.put("pos.status-mapping.extra", "in_transit=SHIPPED");
            try (RunningApp app = RunningApp.start(settings)) {
                StepRouteMocks mocks = new StepRouteMocks(app.context()).appendTo(StepRouteMocks.allRoutes());
                // The held orders are fetched fresh at start (held-orders); then the poll catches up.
                await().atMost(Duration.ofSeconds(60)).until(() -> held.stream().allMatch(
                        id -> "SHIPPED".equals(app.jdbc().queryForObject("SELECT stage FROM pos_order WHERE order_id = ?", String.class, id))));
                app.pollNow();
                app.pollNow(); // nothing new: the overlap again
                received.addAll(mocks.arrivals());
                committed.addAll(mocks.committed());
                outside += mocks.runsOutsideTransaction();

                Map<String, List<StepRouteMocks.Arrival>> ledger = ledgerChanges(app);
                List<StepRouteMocks.Arrival> stepChanges = received.stream().filter(a -> !a.routeId().equals("pos-sync-lines")).toList();
                assertThat(outside).as("appended steps run inside the batch's transaction").isZero();
                assertThat(committed).as("no batch was rolled back in this run").containsExactlyElementsOf(received);
                assertThat(byOrder(stepChanges)).as("what the step routes received, order by order, against the ledger's events")
                        .isEqualTo(ledger);

                // The integrator's table holds every invoice once, with its total.
                assertThat(app.count("SELECT COUNT(*) FROM shop_invoice_feed")).isEqualTo(app.count("SELECT COUNT(*) FROM invoice"));
                assertThat(app.count("SELECT COUNT(*) FROM (SELECT order_id FROM shop_invoice_feed GROUP BY order_id HAVING COUNT(*) > 1) d"))
                        .isZero();
                assertThat(app.count("SELECT COUNT(*) FROM shop_invoice_feed f JOIN invoice i ON i.order_id = f.order_id "
                        + "AND i.seller_id = f.seller_id AND i.number = f.invoice_number AND i.total = f.total")).isEqualTo(
                        app.count("SELECT COUNT(*) FROM invoice"));
                for (SandboxOrderView truth : lazada.orders()) {
                    if (held.contains(truth.orderId())) {
                        // in_transit is mapped only by this runtime's settings: shipped, invoice sent.
                        assertThat(app.order(truth.orderId()).at("/invoice/deliveryStatus").asText()).isEqualTo("SENT");
                    } else {
                        LedgerTruth.assertMatches(app.order(truth.orderId()), truth);
                    }
                }
                assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();

                System.out.printf("%d orders, %d moved on; per step route: changes its appended step received / ledger events%n",
                        lazada.orders().size(), moved);
                perRoute(stepChanges, ledger).forEach((route, n) -> System.out.printf("  %-24s %6d / %6d%n", route, n[0], n[1]));
                System.out.printf("  %-24s %6d lines written%n", "pos-sync-lines",
                        received.stream().filter(a -> a.routeId().equals("pos-sync-lines")).count());
                Map<String, Long> sources = new TreeMap<>();
                app.jdbc().queryForList("SELECT source, COUNT(*) AS n FROM ledger_event GROUP BY source").forEach(r -> {
                    Map<String, Object> c = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    c.putAll(r);
                    sources.put((String) c.get("source"), ((Number) c.get("n")).longValue());
                });
                System.out.println("  ledger events by source: " + sources);
                assertThat(sources).containsKeys("poll", "push");
                for (String route : StepRouteMocks.allRoutes()) {
                    assertThat(received).as("%s saw changes", route).anyMatch(a -> a.routeId().equals(route));
                }
            }
        }
    }

    @Test
    void aBatchRetriedOneByOneSendsEachChangeOnceToWhatCommits(@TempDir Path dir) throws Exception {
        Path routes = editedRoutes(dir);
        TestClock clock = TestClock.anHourAgo();
        Map<String, String> settings = RunningApp.defaults();
        settings.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        try (RunningApp app = RunningApp.start(settings, Map.of("sandboxClock", clock))) {
            createIntegratorTable(app);
            StepRouteMocks mocks = new StepRouteMocks(app.context()).appendTo(StepRouteMocks.allRoutes());
            LazadaSandbox lazada = app.sandbox();
            List<String> ids = new ArrayList<>();
            for (String status : List.of("unpaid", "pending", "shipped", "delivered", "pending", "failed_delivery", "canceled")) {
                clock.tick();
                ids.add(lazada.createOrder(SandboxOrderSpec.builder().items(2).status(status).build()));
            }
            String refused = ids.get(4);
            new LedgerFaults(app.jdbc()).refuseInvoiceOf(refused);

            app.pollNow(); // one page, one batch: it fails on the refused invoice, and the orders go again one by one

            assertThat(app.jdbc().queryForObject("SELECT order_id FROM dead_letter", String.class)).isEqualTo(refused);
            // The failed attempt ran the steps before the refusal (its changes rolled back); what committed is the ledger's.
            assertThat(mocks.arrivals().size()).isGreaterThan(mocks.committed().size());
            Map<String, List<StepRouteMocks.Arrival>> ledger = ledgerChanges(app);
            assertThat(byOrder(mocks.committed().stream().filter(a -> !a.routeId().equals("pos-sync-lines")).toList())).isEqualTo(ledger);
            assertThat(ledger).doesNotContainKey(refused).hasSize(ids.size() - 2); // the refused one, and the cancelled one (no document)
            // A step that writes to the ledger's database commits or rolls back with the documents: once each.
            assertThat(app.jdbc().queryForList("SELECT order_id FROM shop_invoice_feed ORDER BY order_id", String.class))
                    .containsExactlyElementsOf(app.jdbc().queryForList("SELECT order_id FROM invoice ORDER BY order_id", String.class));
            assertThat(app.jdbc().queryForObject("SELECT total FROM shop_invoice_feed WHERE order_id = ?", BigDecimal.class, ids.get(3)))
                    .isEqualByComparingTo(app.jdbc().queryForObject("SELECT total FROM invoice WHERE order_id = ?", BigDecimal.class, ids.get(3)));
            assertThat(mocks.runsOutsideTransaction()).isZero();
        }
    }
}
