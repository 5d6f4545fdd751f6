package io.lazadapos.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxOrderView;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runtime as a separate process, SIGKILLed at random points of a backfill of 2,000 orders
 * (once while it starts, then while it writes the ledger) and started again, with Lazada moving on
 * in between. In the end the ledger equals Lazada's truth for every order, with no second invoice,
 * no ledger event twice, no dead letter, and every document backed by exactly its events (no
 * half-applied order). The kill points come from a seeded random sequence (-Dcrash.seed=...).
 */
class CrashSafetyTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyTest.class);
    private static final int ORDERS = 2000;
    private static final int KILLS_WHILE_WRITING = 4;

    @Test
    void killedAtRandomPointsOfABackfillTheLedgerStillEqualsLazadasTruth(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("crash.seed", 20261130L);
        Random random = new Random(seed);
        SandboxSettings sandboxSettings = SandboxSettings.defaults().withSeed(seed).withInitialOrders(ORDERS).withHttpThreads(8);
        try (LazadaSandbox lazada = LazadaSandbox.start(sandboxSettings)) {
            Map<String, String> env = ChildRuntime.environmentFor(lazada, dir.resolve("ledger"));
            env.put("LAZADA_SYNC_FROM", OffsetDateTime.now(ZoneOffset.UTC).minusDays(4).toString());
            env.put("LAZADA_POLL_INTERVAL", "1s");
            env.put("LAZADA_PAGE_SIZE", "50");
            env.put("LAZADA_ITEMS_BATCH_SIZE", "25");
            env.put("LAZADA_MAX_CALLS_PER_SECOND", "25");
            // The sweep would repair what a crash broke and hide it: this test is about the poll alone.
            env.put("LAZADA_RECONCILE_ENABLED", "false");
            ChildRuntime child = new ChildRuntime(env, dir.resolve("runtime.log"));
            List<String> kills = new ArrayList<>();
            long started = System.nanoTime();

            // Killed while it starts (migrations, seeding the tokens, the first poll).
            child.start();
            long startupKill = 300 + random.nextInt(2500);
            Thread.sleep(startupKill);
            child.kill();
            kills.add("at start-up, " + startupKill + " ms after launch");

            int target = 0;
            for (int k = 0; k < KILLS_WHILE_WRITING; k++) {
                child.start();
                int afterRestart = awaitAnswer(child);
                if (k > 0) {
                    // Commits of the last moments before a kill may be lost (the ledger syncs its log every 100 ms):
                    // the watermark was not past them, so they are read and applied again.
                    kills.set(kills.size() - 1, kills.get(kills.size() - 1) + ", " + afterRestart + " after the restart");
                }
                target += 150 + random.nextInt(ORDERS / KILLS_WHILE_WRITING - 150);
                int t = target;
                awaitLedgerOrders(child, t);
                int atKill = child.ledgerOrders();
                child.kill();
                kills.add("with " + atKill + " orders in the ledger");
                // Lazada moves on while the runtime is down: orders advance, new ones come in.
                moveOn(lazada, random);
            }

            child.start();
            int afterLastRestart = awaitAnswer(child);
            kills.set(kills.size() - 1, kills.get(kills.size() - 1) + ", " + afterLastRestart + " after the restart");
            List<SandboxOrderView> truth = lazada.orders();
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                assertThat(child.ledgerOrders()).isEqualTo(truth.size());
                for (SandboxOrderView t : truth) {
                    LedgerTruth.assertMatches(child.json("/api/orders/" + t.orderId()), t);
                }
            });
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            child.stop();
            LOG.info("crash test (seed {}): {} orders, {} kills ({}), {} restarts, {} s in all; {} Lazada calls {}", seed, truth.size(),
                    kills.size(), kills, kills.size(), seconds, lazada.apiCallCounts().values().stream().mapToLong(Long::longValue).sum(),
                    lazada.apiCallCounts());

            assertThat(truth.size()).isGreaterThanOrEqualTo(ORDERS);
            auditLedger(dir.resolve("ledger"), truth.size());
            SecretScan.assertNoSecrets(child.output(), lazada);
        }
    }

    /** Waits until a (re)started runtime answers; the orders in its ledger then. */
    private static int awaitAnswer(ChildRuntime child) {
        int[] orders = {-1};
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(25)).until(() -> {
            if (!child.alive()) {
                LOG.warn("the runtime exited by itself; starting it again");
                child.start();
            }
            orders[0] = child.ledgerOrders();
            return orders[0] >= 0;
        });
        return orders[0];
    }

    /** Waits until the ledger holds {@code orders} orders; a runtime that exited by itself is started again, as a supervisor would. */
    private static void awaitLedgerOrders(ChildRuntime child, int orders) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(25)).until(() -> {
            if (!child.alive()) {
                LOG.warn("the runtime exited by itself; starting it again");
                child.start();
            }
            return child.ledgerOrders() >= orders;
        });
    }

    private static void moveOn(LazadaSandbox lazada, Random random) {
        List<SandboxOrderView> orders = lazada.orders();
        int moved = 0;
        for (int i = 0; i < 400 && moved < 25; i++) {
            SandboxOrderView o = orders.get(random.nextInt(orders.size()));
            String next = switch (o.statuses().size() == 1 ? o.statuses().get(0) : "") {
                case "pending" -> random.nextBoolean() ? "ready_to_ship" : "canceled";
                case "ready_to_ship", "packed" -> "shipped";
                case "shipped" -> random.nextInt(5) == 0 ? "failed_delivery" : "delivered";
                default -> null;
            };
            if (next != null) {
                lazada.setOrderStatus(o.orderId(), next);
                moved++;
            }
        }
        for (int i = 0; i < 10; i++) {
            lazada.createOrder(SandboxOrderSpec.builder().items(1 + random.nextInt(3)).status(random.nextBoolean() ? "pending" : "unpaid").build());
        }
    }

    /** Rows of a document table whose state ({@code condition}) and count of {@code event} events differ. */
    private static String matching(String table, String condition, String event) {
        return "SELECT COUNT(*) FROM " + table + " d WHERE CASE WHEN d." + condition
                + " THEN 1 ELSE 0 END <> (SELECT COUNT(*) FROM ledger_event e WHERE e.seller_id = d.seller_id AND e.order_id = d.order_id "
                + "AND e.type = '" + event + "')";
    }

    /** What the ledger holds after the crashes, read from its files: nothing twice, nothing half-applied. */
    private static void auditLedger(Path ledger, int orders) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + ledger + ";hsqldb.tx=mvcc;shutdown=true", "SA", "");
                Statement s = c.createStatement()) {
            Map<String, String> zeroes = new LinkedHashMap<>();
            zeroes.put("dead letters", "SELECT COUNT(*) FROM dead_letter");
            zeroes.put("second invoices", "SELECT COUNT(*) FROM (SELECT seller_id, order_id FROM invoice GROUP BY seller_id, order_id HAVING COUNT(*) > 1) d");
            zeroes.put("ledger events twice", "SELECT COUNT(*) FROM (SELECT seller_id, order_id, type, subject FROM ledger_event "
                    + "GROUP BY seller_id, order_id, type, subject HAVING COUNT(*) > 1) d");
            // Each document state is backed by exactly one event of its kind, and each event by its document state.
            zeroes.put("invoices not created by exactly one event", "SELECT COUNT(*) FROM invoice i WHERE 1 <> (SELECT COUNT(*) FROM ledger_event e "
                    + "WHERE e.seller_id = i.seller_id AND e.order_id = i.order_id AND e.type IN ('CREATE_INVOICE', 'CONVERT_TO_INVOICE'))");
            zeroes.put("invoice events without an invoice", "SELECT COUNT(*) FROM ledger_event e WHERE e.type IN ('CREATE_INVOICE', "
                    + "'CONVERT_TO_INVOICE', 'MARK_SENT', 'ADD_PAYMENT', 'RECYCLE_INVOICE') AND NOT EXISTS (SELECT 1 FROM invoice i "
                    + "WHERE i.seller_id = e.seller_id AND i.order_id = e.order_id)");
            zeroes.put("sent invoices and MARK_SENT events that disagree", matching("invoice", "delivery_status = 'SENT'", "MARK_SENT"));
            zeroes.put("paid invoices and ADD_PAYMENT events that disagree", matching("invoice", "payment_status = 'PAID'", "ADD_PAYMENT"));
            zeroes.put("recycled invoices and RECYCLE_INVOICE events that disagree", matching("invoice", "recycled = TRUE", "RECYCLE_INVOICE"));
            zeroes.put("sales orders not created by exactly one event", matching("sales_order", "seller_id IS NOT NULL", "CREATE_SALES_ORDER"));
            zeroes.put("void sales orders and VOID_SALES_ORDER events that disagree", matching("sales_order", "status = 'VOID'", "VOID_SALES_ORDER"));
            zeroes.put("removed lines and REMOVE_LINE events that disagree", "SELECT COUNT(*) FROM order_line l WHERE "
                    + "CASE WHEN l.removed = TRUE THEN 1 ELSE 0 END <> (SELECT COUNT(*) FROM ledger_event e WHERE e.seller_id = l.seller_id "
                    + "AND e.order_id = l.order_id AND e.type = 'REMOVE_LINE' AND e.subject = l.order_item_id)");
            zeroes.put("reviews without OPEN_REVIEW", "SELECT COUNT(*) FROM review r WHERE NOT EXISTS (SELECT 1 FROM ledger_event e "
                    + "WHERE e.seller_id = r.seller_id AND e.order_id = r.order_id AND e.type = 'OPEN_REVIEW' AND e.subject = r.reason)");
            zeroes.put("invoice totals that are not the sum of their lines", "SELECT COUNT(*) FROM invoice i WHERE i.recycled = FALSE AND i.total <> "
                    + "(SELECT COALESCE(SUM(l.amount + l.shipping_amount), 0) FROM order_line l WHERE l.seller_id = i.seller_id "
                    + "AND l.order_id = i.order_id AND l.removed = FALSE)");
            for (Map.Entry<String, String> check : zeroes.entrySet()) {
                try (ResultSet rs = s.executeQuery(check.getValue())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(check.getKey()).isZero();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pos_order")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(orders);
            }
        }
    }
}
