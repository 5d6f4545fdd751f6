package io.lazadapos.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.PushSettings;
import io.lazadapos.sandbox.SandboxOrderView;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three runtime processes on one PostgreSQL ledger and one shared lock folder, the sandbox
 * serving three sellers and pushing to the three instances in turn. One instance is SIGKILLed
 * while the sellers are backfilled and their orders move on; the survivors take over its pollers,
 * and in the end the ledger equals Lazada's truth for every seller with no invoice or ledger
 * event twice. Runs on PostgreSQL only ({@code mvn test -Ppostgres}): an embedded HSQLDB cannot be
 * shared by processes.
 */
class MultiInstanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(MultiInstanceTest.class);
    private static final List<String> SELLERS = List.of("default", "seller-b", "seller-c");
    private static final int ORDERS_PER_SELLER = 600;

    @Test
    void threeInstancesShareTheSellersAndSurviveTheLossOfOne(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "several instances share a PostgreSQL ledger (mvn test -Ppostgres)");
        Random random = new Random(Long.getLong("multi.seed", 20261130L));
        List<Integer> ports = List.of(RunningApp.freePort(), RunningApp.freePort(), RunningApp.freePort());
        String callbacks = ports.stream().map(p -> "http://127.0.0.1:" + p + "/lazada/push").collect(Collectors.joining(","));
        SandboxSettings sandboxSettings = SandboxSettings.defaults().withSeed(random.nextLong()).withInitialOrders(ORDERS_PER_SELLER)
                .withHttpThreads(8).withPushes(PushSettings.to(callbacks));
        List<ChildRuntime> instances = new ArrayList<>();
        try (LazadaSandbox lazada = LazadaSandbox.start(sandboxSettings)) {
            for (String seller : SELLERS.subList(1, SELLERS.size())) {
                lazada.addSeller(seller, seller + "-access", seller + "-refresh");
                lazada.generateBackfill(seller, ORDERS_PER_SELLER);
            }
            Map<String, String> ledger = TestDatabase.durable(dir);
            Path locks = Files.createDirectories(dir.resolve("cluster"));
            for (int i = 0; i < 3; i++) {
                Map<String, String> env = ChildRuntime.environmentFor(lazada, dir.resolve("unused"));
                env.put("POS_DB_URL", ledger.get("pos.db.url"));
                env.put("POS_DB_USER", ledger.get("pos.db.user"));
                env.put("POS_DB_PASSWORD", ledger.get("pos.db.password"));
                env.put("HTTP_PORT", Integer.toString(ports.get(i)));
                env.put("INSTANCE_ID", "instance-" + (i + 1));
                env.put("CLUSTER_SERVICE", "file");
                env.put("CLUSTER_LOCK_DIR", locks.toString());
                env.put("SELLERS_REFRESH_INTERVAL", "2s");
                env.put("LAZADA_SYNC_FROM", OffsetDateTime.now(ZoneOffset.UTC).minusDays(8).toString());
                env.put("LAZADA_POLL_INTERVAL", "2s");
                env.put("LAZADA_PAGE_SIZE", "50");
                env.put("LAZADA_ITEMS_BATCH_SIZE", "25");
                // The sweep repairs what the poll missed: this test is about the pollers and the inbox alone.
                env.put("LAZADA_RECONCILE_ENABLED", "false");
                instances.add(new ChildRuntime(env, dir.resolve("instance-" + (i + 1) + ".log")));
            }
            long started = System.nanoTime();
            // The first one migrates the ledger; the others find it ready.
            instances.get(0).start();
            awaitAnswer(instances.get(0));
            instances.get(1).start();
            instances.get(2).start();
            for (ChildRuntime instance : instances) {
                awaitAnswer(instance);
            }
            // Sellers connected through any instance are polled by one of them.
            for (String seller : SELLERS.subList(1, SELLERS.size())) {
                var answer = instances.get(1).post("/api/sellers", "{\"sellerId\":\"" + seller + "\",\"country\":\"ID\",\"name\":\"" + seller
                        + "\",\"accessToken\":\"" + seller + "-access\",\"refreshToken\":\"" + seller + "-refresh\"}");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                assertThat(answer.body()).doesNotContain(seller + "-access").doesNotContain(seller + "-refresh");
            }
            Map<String, Integer> leaders = awaitOneLeaderEach(instances);
            LOG.info("pollers after start-up: {}", leaders);

            // Lazada moves on while the sellers are backfilled: its pushes go to the instances in turn.
            int total = ORDERS_PER_SELLER * SELLERS.size();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> instances.get(0).ledgerOrders() >= total / 4);
            moveOn(lazada, random, 60);

            // The instance that leads the most pollers dies without a word.
            int victim = leaders.values().stream().collect(Collectors.groupingBy(i -> i, Collectors.counting())).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            int atKill = instances.get(victim).ledgerOrders();
            instances.get(victim).kill();
            LOG.info("killed instance-{} (it polled {}) with {} orders in the ledger", victim + 1,
                    leaders.entrySet().stream().filter(e -> e.getValue() == victim).map(Map.Entry::getKey).toList(), atKill);
            moveOn(lazada, random, 60);

            List<ChildRuntime> survivors = new ArrayList<>(instances);
            survivors.remove(victim);
            Map<String, Integer> after = awaitOneLeaderEach(survivors);
            LOG.info("pollers after the kill: {} (of the survivors)", after);

            List<SandboxOrderView> truth = SELLERS.stream().flatMap(seller -> lazada.orders(seller).stream()).toList();
            assertThat(truth.stream().map(SandboxOrderView::sellerId).distinct()).containsExactlyInAnyOrderElementsOf(SELLERS);
            ChildRuntime reader = survivors.get(0);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                assertThat(reader.ledgerOrders()).isEqualTo(truth.size());
                for (SandboxOrderView t : truth) {
                    LedgerTruth.assertMatches(reader.json("/api/orders/" + t.orderId() + "?seller=" + t.sellerId()), t);
                }
            });
            // Every seller's orders are filed under that seller.
            for (String seller : SELLERS) {
                JsonNode page = reader.json("/api/orders?limit=1&seller=" + seller);
                assertThat(page.get("total").asInt()).as(seller).isEqualTo((int) truth.stream().filter(t -> t.sellerId().equals(seller)).count());
            }
            LOG.info("three instances, one killed: {} orders of {} sellers in {} s; pushes {}", truth.size(), SELLERS.size(),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), lazada.pushStats());
            assertThat(lazada.pushStats().sent()).isPositive();
            for (ChildRuntime survivor : survivors) {
                survivor.stop();
            }
            try (Connection c = DriverManager.getConnection(ledger.get("pos.db.url"), ledger.get("pos.db.user"), ledger.get("pos.db.password"))) {
                LedgerAudit.assertConsistent(c, truth.size());
            }
            for (ChildRuntime instance : instances) {
                SecretScan.assertNoSecrets(instance.output(), lazada);
            }
        } finally {
            // A failed run leaves no process behind.
            for (ChildRuntime instance : instances) {
                if (instance.alive()) {
                    instance.kill();
                }
            }
        }
    }

    /**
     * Waits until each seller is polled by exactly one of these instances, and the pollers are
     * spread over them (none leads two more than another); seller to the instance's index in the list.
     */
    private static Map<String, Integer> awaitOneLeaderEach(List<ChildRuntime> instances) {
        Map<String, Integer> leaders = new LinkedHashMap<>();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            leaders.clear();
            Map<String, Integer> count = new LinkedHashMap<>();
            for (int i = 0; i < instances.size(); i++) {
                JsonNode answer = instances.get(i).json("/api/sellers");
                if (answer == null) {
                    return false;
                }
                for (JsonNode s : answer.get("sellers")) {
                    if (s.path("poll").path("polledHere").asBoolean()) {
                        leaders.put(s.get("sellerId").asText(), i);
                        count.merge(s.get("sellerId").asText(), 1, Integer::sum);
                    }
                }
            }
            // Spread: no instance leads two pollers more than another.
            Map<Integer, Long> perInstance = leaders.values().stream().collect(Collectors.groupingBy(i -> i, Collectors.counting()));
            long most = perInstance.values().stream().mapToLong(Long::longValue).max().orElse(0);
            long least = perInstance.size() < instances.size() ? 0 : perInstance.values().stream().mapToLong(Long::longValue).min().orElse(0);
            return count.keySet().containsAll(SELLERS) && count.values().stream().allMatch(n -> n == 1) && most - least <= 1;
        });
        return leaders;
    }

    private static void awaitAnswer(ChildRuntime child) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(child.alive()).as("the runtime is running").isTrue();
            return child.ledgerOrders() >= 0;
        });
    }

    /** Moves {@code n} orders of the sellers one step on, the way buyers and couriers do. */
    private static void moveOn(LazadaSandbox lazada, Random random, int n) {
        LazadaMoves.moveOn(lazada, SELLERS.stream().flatMap(seller -> lazada.orders(seller).stream()).toList(), random, n);
    }
}
