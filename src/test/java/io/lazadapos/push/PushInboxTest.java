package io.lazadapos.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.it.TestClock;
import io.lazadapos.it.TestDatabase;
import io.lazadapos.lazada.LazadaPush;
import io.lazadapos.lazada.LazadaPushReader;
import io.lazadapos.ledger.DeadLetters;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox over a real ledger database (HSQLDB, or PostgreSQL: see TestDatabase) with the project's migrations. */
class PushInboxTest {

    private static final PushInbox.Settings SETTINGS = new PushInbox.Settings(
            Duration.ofMillis(500), Duration.ofSeconds(5), 100, Duration.ofMinutes(10), Duration.ofDays(7));

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TestClock clock;
    private DeadLetters deadLetters;
    private PushInbox inbox;

    @BeforeEach
    void database() {
        dataSource = TestDatabase.dataSource("inbox", 8);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        clock = new TestClock(Instant.parse("2026-05-01T10:00:00Z"));
        deadLetters = new DeadLetters(jdbc, clock);
        inbox = inbox("instance-a");
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private PushInbox inbox(String instanceId) {
        return new PushInbox(jdbc, new LazadaPushReader(ZoneOffset.ofHours(7)), deadLetters, SETTINGS, instanceId, clock);
    }

    private static LazadaPush itemPush(String orderId, String itemId, String status) {
        String body = "{\"seller_id\":\"s1\",\"message_type\":0,\"data\":{\"order_status\":\"" + status + "\",\"trade_order_id\":\""
                + orderId + "\",\"trade_order_line_id\":\"" + itemId + "\",\"status_update_time\":1}}";
        return new LazadaPush(0, "s1", orderId, null, status, null, body);
    }

    private long rows(String status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM push_inbox WHERE status = ?", Long.class, status);
    }

    @Test
    void unknownTypesAreKeptAsIgnored() {
        assertThat(inbox.accept(itemPush("1", "11", "pending"))).isEqualTo("PENDING");
        assertThat(inbox.accept(new LazadaPush(3, "s1", null, null, null, null, "{\"message_type\":3}"))).isEqualTo("IGNORED");
        clock.advance(Duration.ofSeconds(1));
        assertThat(inbox.claimDue()).hasSize(1);
        assertThat(rows("IGNORED")).isEqualTo(1);
    }

    @Test
    void theItemPushesOfOneChangeAreClaimedTogetherOnceTheOrderIsQuiet() {
        for (int i = 1; i <= 5; i++) {
            inbox.accept(itemPush("100", "10" + i, "packed"));
            clock.advance(Duration.ofMillis(100));
        }
        inbox.accept(itemPush("200", "201", "pending"));
        // 100 ms after the last push of order 100: still inside the window.
        assertThat(inbox.claimDue()).isEmpty();

        clock.advance(Duration.ofMillis(450));
        List<PushBatch> due = inbox.claimDue();
        assertThat(due).hasSize(1);
        assertThat(due.get(0).orderId()).isEqualTo("100");
        assertThat(due.get(0).size()).isEqualTo(5);
        assertThat(due.get(0).kind()).isEqualTo(LazadaPush.Kind.TRADE_ORDER);
        assertThat(rows("CLAIMED")).isEqualTo(5);

        clock.advance(Duration.ofMillis(100));
        assertThat(inbox.claimDue()).extracting(PushBatch::orderId).containsExactly("200");
        assertThat(inbox.claimDue()).isEmpty();
    }

    @Test
    void anOrderThatNeverGoesQuietIsTakenAfterTheLongestWait() {
        for (int i = 0; i < 60; i++) {
            inbox.accept(itemPush("300", "301", i % 2 == 0 ? "packed" : "repacked"));
            List<PushBatch> due = inbox.claimDue();
            if (!due.isEmpty()) {
                assertThat(i).isGreaterThanOrEqualTo(50);
                assertThat(due.get(0).size()).isEqualTo(i + 1);
                return;
            }
            clock.advance(Duration.ofMillis(100));
        }
        throw new AssertionError("never claimed");
    }

    @Test
    void doneRowsStayAWhileFailedOnesGoToTheDeadLetters() {
        inbox.accept(itemPush("1", "11", "pending"));
        inbox.accept(itemPush("2", "21", "pending"));
        clock.advance(Duration.ofSeconds(1));
        List<PushBatch> due = inbox.claimDue();
        assertThat(due).hasSize(2);
        inbox.done(due.get(0));
        inbox.failed(due.get(1), new IllegalStateException("order 2 is not in this store"));

        assertThat(rows("DONE")).isEqualTo(1);
        assertThat(rows("FAILED")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT error_message FROM push_inbox WHERE status = 'FAILED'", String.class))
                .isEqualTo("IllegalStateException: order 2 is not in this store");
        assertThat(jdbc.queryForMap("SELECT order_id, source, payload FROM dead_letter"))
                .containsEntry("ORDER_ID", "2").containsEntry("SOURCE", "push")
                .containsEntry("PAYLOAD", "[" + itemPush("2", "21", "pending").rawBody() + "]");

        clock.advance(Duration.ofDays(8));
        assertThat(inbox.purgeProcessed()).isEqualTo(1);
        assertThat(rows("FAILED")).isEqualTo(1);
    }

    @Test
    void claimsOfAStoppedInstanceComeBack() {
        inbox.accept(itemPush("1", "11", "pending"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(inbox.claimDue()).hasSize(1);
        PushInbox other = inbox("instance-b");
        assertThat(other.claimDue()).isEmpty();
        assertThat(other.releaseClaimsOfThisInstance()).isZero();

        // The same instance restarted: its claims are pending again at once.
        assertThat(inbox("instance-a").releaseClaimsOfThisInstance()).isEqualTo(1);
        assertThat(other.claimDue()).hasSize(1);

        // Another instance died holding it: released after the claim timeout.
        assertThat(inbox.releaseAbandonedClaims()).isZero();
        clock.advance(Duration.ofMinutes(11));
        assertThat(inbox.releaseAbandonedClaims()).isEqualTo(1);
        assertThat(inbox.claimDue()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM push_inbox", Integer.class)).isEqualTo(3);
    }

    @Test
    void tokenAlertsAreClaimedOneByOne() {
        inbox.accept(new LazadaPush(8, "s1", null, null, null, Instant.ofEpochSecond(99),
                "{\"seller_id\":\"s1\",\"message_type\":8,\"data\":{\"auth_expiry_time\":99}}"));
        List<PushBatch> due = inbox.claimDue();
        assertThat(due).hasSize(1);
        assertThat(due.get(0).kind()).isEqualTo(LazadaPush.Kind.TOKEN_EXPIRING);
        assertThat(due.get(0).sellerId()).isEqualTo("s1");
        assertThat(due.get(0).authExpiryTime()).isEqualTo(Instant.ofEpochSecond(99));
    }

    @Test
    void concurrentClaimersNeverTakeTheSameRow() throws Exception {
        for (int order = 0; order < 200; order++) {
            for (int item = 0; item < 3; item++) {
                inbox.accept(itemPush(Integer.toString(order), order + "-" + item, "pending"));
            }
        }
        clock.advance(Duration.ofSeconds(1));
        List<PushInbox> claimers = List.of(inbox("a"), inbox("b"), inbox("c"), inbox("d"));
        List<PushBatch> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(claimers.size());
        try {
            List<Future<Object>> runs = new ArrayList<>();
            for (PushInbox claimer : claimers) {
                runs.add(threads.submit((Callable<Object>) () -> {
                    List<PushBatch> got;
                    while (!(got = claimer.claimDue()).isEmpty()) {
                        claimed.addAll(got);
                    }
                    return null;
                }));
            }
            for (Future<Object> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(claimed.stream().mapToInt(PushBatch::size).sum()).isEqualTo(600);
        assertThat(claimed.stream().map(PushBatch::claimId).distinct().count()).isEqualTo(claimed.size());
        assertThat(rows("CLAIMED")).isEqualTo(600);
    }

    @Test
    void theBacklogCountsRowsPerStatus() {
        inbox.accept(itemPush("1", "11", "pending"));
        assertThat(inbox.backlog()).containsEntry("pending", 1L).containsEntry("done", 0L)
                .containsEntry("oldestPendingAt", clock.instant());
    }

    @Test
    void theLedgersInboxRowsMoveToAnInboxOfItsOwnInTheirOrder() {
        HikariDataSource own = TestDatabase.dataSource("own-inbox", 2);
        try {
            Flyway.configure().dataSource(own).locations("classpath:db/push-inbox").load().migrate();
            JdbcTemplate ownJdbc = new JdbcTemplate(own);
            PushInbox moved = new PushInbox(ownJdbc, new LazadaPushReader(ZoneOffset.ofHours(7)), deadLetters, SETTINGS, "instance-a", clock);
            List<Object[]> rows = new ArrayList<>();
            String[] statuses = {"PENDING", "CLAIMED", "DONE", "FAILED", "IGNORED"};
            for (int i = 0; i < 1201; i++) {
                String status = statuses[i % statuses.length];
                rows.add(new Object[] {"o" + i, status, itemPush("o" + i, "i" + i, "pending").rawBody(), clock.instant().plusMillis(i).atOffset(ZoneOffset.UTC),
                        status.equals("CLAIMED") ? "claim-" + i : null, status.equals("FAILED") ? "gone at Lazada" : null});
            }
            jdbc.batchUpdate("INSERT INTO push_inbox (message_type, seller_id, order_id, status, raw_body, received_at, claim_id, error_message, "
                    + "claimed_by, attempts) VALUES (0, 's1', ?, ?, ?, ?, ?, ?, 'instance-b', 1)", rows);
            jdbc.update("INSERT INTO push_order_claim (order_id, seller_id, claim_id, claimed_by, claimed_at) VALUES ('o1', 's1', 'claim-1', 'instance-b', ?)",
                    clock.instant().atOffset(ZoneOffset.UTC));

            assertThat(moved.moveInFrom(jdbc)).isEqualTo(1201);

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM push_inbox", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM push_order_claim", Long.class)).isZero();
            assertThat(ownJdbc.queryForList("SELECT raw_body FROM push_inbox ORDER BY id", String.class))
                    .isEqualTo(rows.stream().map(r -> (String) r[2]).toList());
            assertThat(ownJdbc.queryForList("SELECT status FROM push_inbox ORDER BY id", String.class))
                    .isEqualTo(rows.stream().map(r -> r[1].equals("CLAIMED") ? "PENDING" : (String) r[1]).toList());
            assertThat(ownJdbc.queryForObject("SELECT COUNT(*) FROM push_inbox WHERE claim_id IS NOT NULL OR attempts <> 1", Long.class)).isZero();
            assertThat(ownJdbc.queryForList("SELECT DISTINCT error_message FROM push_inbox WHERE status = 'FAILED'", String.class))
                    .containsExactly("gone at Lazada");
            assertThat(ownJdbc.queryForObject("SELECT MIN(received_at) FROM push_inbox", java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(clock.instant());
            // Moved pending rows are claimed like any others; a second start moves nothing.
            clock.advance(Duration.ofSeconds(2));
            int claimedRows = 0;
            for (List<PushBatch> got = moved.claimDue(); !got.isEmpty(); got = moved.claimDue()) {
                claimedRows += got.stream().mapToInt(PushBatch::size).sum();
            }
            assertThat(claimedRows).isEqualTo(241 + 240);
            assertThat(moved.moveInFrom(jdbc)).isZero();
        } finally {
            own.close();
        }
    }
}
