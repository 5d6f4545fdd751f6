package io.lazadapos.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
        LazadaMoves.moveOn(lazada, lazada.orders(), random, 25);
        for (int i = 0; i < 10; i++) {
            lazada.createOrder(SandboxOrderSpec.builder().items(1 + random.nextInt(3)).status(random.nextBoolean() ? "pending" : "unpaid").build());
        }
    }

    /** The ledger read from its files once the runtime is gone. */
    private static void auditLedger(Path ledger, int orders) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + ledger + ";hsqldb.tx=mvcc;shutdown=true", "SA", "")) {
            LedgerAudit.assertConsistent(c, orders);
        }
    }
}
