package io.lazadapos.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runtime as a process, killed with SIGKILL twice while it delivers a backfill's events, and
 * started again: the receiver ends with every event of the ledger, none missing; what came twice
 * are whole requests (the ones in flight, or acknowledged in the last moments the ledger had not
 * written to disk yet).
 */
class PosEventsCrashTest {

    private static final Logger LOG = LoggerFactory.getLogger(PosEventsCrashTest.class);
    private static final int BATCH = 25;

    @Test
    void killedMidDeliveryNoEventIsLostAndOnlyInFlightRequestsComeAgain(@TempDir Path dir) throws Exception {
        try (LazadaSandbox lazada = LazadaSandbox.start(SandboxSettings.defaults().withInitialOrders(400).withHttpThreads(8));
                EventReceiver receiver = new EventReceiver("crash-secret")) {
            receiver.delay(20);
            Map<String, String> env = ChildRuntime.environmentFor(lazada, dir.resolve("ledger"));
            env.put("LAZADA_SYNC_FROM", OffsetDateTime.now(ZoneOffset.UTC).minusDays(4).toString());
            env.put("LAZADA_POLL_INTERVAL", "1s");
            env.put("LAZADA_RECONCILE_ENABLED", "false");
            env.put("POS_EVENTS_URI", receiver.url());
            env.put("POS_EVENTS_SECRET", "crash-secret");
            env.put("POS_EVENTS_BATCH", Integer.toString(BATCH));
            env.put("POS_EVENTS_INTERVAL", "100ms");
            env.put("POS_EVENTS_RETRY_DELAY", "100ms");
            env.put("POS_EVENTS_RETRY_MAX_DELAY", "500ms");
            ChildRuntime child = new ChildRuntime(env, dir.resolve("runtime.log"));
            List<Integer> acceptedAtKill = new ArrayList<>();
            child.start();
            for (int kill = 1; kill <= 2; kill++) {
                int before = receiver.accepted().size();
                await().atMost(Duration.ofMinutes(2)).until(() -> receiver.accepted().size() >= before + 6);
                child.kill();
                acceptedAtKill.add(receiver.accepted().size());
                child.start();
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> child.ledgerOrders() >= 400 && child.json("/api/pos-events").get("pending").asLong() == 0);
            child.stop();

            List<Long> ledger = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + dir.resolve("ledger") + ";shutdown=true", "SA", "");
                    ResultSet rs = c.createStatement().executeQuery("SELECT id FROM ledger_event ORDER BY id")) {
                while (rs.next()) {
                    ledger.add(rs.getLong(1));
                }
            }
            List<Long> accepted = receiver.acceptedIds();
            assertThat(new TreeSet<>(accepted)).as("every event of the ledger, no other").containsExactlyElementsOf(ledger);
            // What came twice: whole requests, each one a request that had come before.
            Map<Long, Integer> times = new HashMap<>();
            accepted.forEach(id -> times.merge(id, 1, Integer::sum));
            long twice = times.values().stream().filter(n -> n > 1).count();
            List<String> requests = receiver.accepted().stream().map(EventReceiver.Request::eventIds).toList();
            List<String> again = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                if (requests.subList(0, i).contains(requests.get(i))) {
                    again.add(requests.get(i));
                }
            }
            assertThat(twice).isEqualTo(again.stream().mapToLong(r -> {
                String[] ids = r.split("-");
                return Long.parseLong(ids[1]) - Long.parseLong(ids[0]) + 1;
            }).sum());
            assertThat(again.size()).as("requests sent again after two kills").isLessThanOrEqualTo(2 * 4);
            assertThat(receiver.requests()).allMatch(EventReceiver.Request::signatureValid);
            LOG.info("events outbox crash test: {} events, {} requests accepted ({} at the kills), {} requests again ({}), {} events twice",
                    ledger.size(), requests.size(), acceptedAtKill, again.size(), again, twice);
        }
    }
}
