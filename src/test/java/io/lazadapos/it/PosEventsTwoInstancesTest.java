package io.lazadapos.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.PushSettings;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two runtime processes on one PostgreSQL ledger, sharing the lock folder: the events are sent by
 * one of them at a time (the cluster service's election), never by both at once; when the one that
 * sends is killed, the other takes over and every event arrives. PostgreSQL only.
 */
class PosEventsTwoInstancesTest {

    private static final Logger LOG = LoggerFactory.getLogger(PosEventsTwoInstancesTest.class);

    @Test
    void oneInstanceSendsAtATimeAndTheOtherTakesOver(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "two instances share a PostgreSQL ledger (mvn test -Ppostgres)");
        List<Integer> ports = List.of(RunningApp.freePort(), RunningApp.freePort());
        String callbacks = ports.stream().map(p -> "http://127.0.0.1:" + p + "/lazada/push").collect(Collectors.joining(","));
        try (LazadaSandbox lazada = LazadaSandbox.start(SandboxSettings.defaults().withInitialOrders(500).withHttpThreads(8)
                .withPushes(PushSettings.to(callbacks))); EventReceiver receiver = new EventReceiver("two-secret")) {
            receiver.delay(15);
            Map<String, String> ledger = TestDatabase.durable(dir);
            Path locks = Files.createDirectories(dir.resolve("cluster"));
            List<ChildRuntime> instances = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Map<String, String> env = ChildRuntime.environmentFor(lazada, dir.resolve("unused"));
                env.put("POS_DB_URL", ledger.get("pos.db.url"));
                env.put("POS_DB_USER", ledger.get("pos.db.user"));
                env.put("POS_DB_PASSWORD", ledger.get("pos.db.password"));
                env.put("HTTP_PORT", Integer.toString(ports.get(i)));
                env.put("INSTANCE_ID", "instance-" + (i + 1));
                env.put("CLUSTER_SERVICE", "file");
                env.put("CLUSTER_LOCK_DIR", locks.toString());
                env.put("LAZADA_SYNC_FROM", OffsetDateTime.now(ZoneOffset.UTC).minusDays(4).toString());
                env.put("LAZADA_POLL_INTERVAL", "2s");
                env.put("LAZADA_RECONCILE_ENABLED", "false");
                env.put("POS_EVENTS_URI", receiver.url());
                env.put("POS_EVENTS_SECRET", "two-secret");
                env.put("POS_EVENTS_BATCH", "20");
                env.put("POS_EVENTS_INTERVAL", "100ms");
                env.put("POS_EVENTS_RETRY_DELAY", "100ms");
                env.put("POS_EVENTS_RETRY_MAX_DELAY", "500ms");
                instances.add(new ChildRuntime(env, dir.resolve("instance-" + (i + 1) + ".log")));
            }
            instances.forEach(ChildRuntime::start);
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> receiver.accepted().size() >= 8);
                // The one that sends now is killed mid-delivery.
                ChildRuntime sender = null;
                for (ChildRuntime c : instances) {
                    try {
                        if (c.json("/api/sync-health").at("/posEvents/sentHere").asBoolean()) {
                            sender = c;
                        }
                    } catch (RuntimeException | AssertionError notYet) {
                        // still starting
                    }
                }
                assertThat(sender).as("one instance sends").isNotNull();
                sender.kill();
                ChildRuntime survivor = instances.get(instances.indexOf(sender) == 0 ? 1 : 0);
                com.zaxxer.hikari.HikariDataSource db = TestDatabase.dataSourceFor(ledger);
                JdbcTemplate jdbc = new JdbcTemplate(db);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> survivor.ledgerOrders() >= 500 && survivor.json("/api/pos-events").get("pending").asLong() == 0);
                List<Long> events = jdbc.queryForList("SELECT id FROM ledger_event ORDER BY id", Long.class);
                assertThat(new TreeSet<>(receiver.acceptedIds())).containsExactlyElementsOf(events);
                assertThat(receiver.mostAtOnce()).as("never two requests at once: one instance sends").isEqualTo(1);
                long twice = receiver.acceptedIds().size() - events.size();
                assertThat(twice).as("only what was in flight at the kill came twice").isLessThanOrEqualTo(3 * 20);
                assertThat(survivor.json("/api/sync-health").at("/posEvents/sentHere").asBoolean()).isTrue();
                db.close();
                LOG.info("two instances: {} events, {} requests accepted, {} events twice after the sender was killed", events.size(),
                        receiver.accepted().size(), twice);
            } finally {
                for (ChildRuntime c : instances) {
                    if (c.alive()) {
                        c.stop();
                    }
                }
            }
        }
    }
}
