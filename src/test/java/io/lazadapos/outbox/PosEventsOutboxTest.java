package io.lazadapos.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.api.OrderViews;
import io.lazadapos.it.TestClock;
import io.lazadapos.it.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox's reading of ledger_event: in id order, never past a young hole, the position kept in the ledger. */
class PosEventsOutboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HikariDataSource db;
    private JdbcTemplate jdbc;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));

    @BeforeEach
    void ledger() {
        db = TestDatabase.dataSource("outbox", 2);
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void event(long id, String orderId, String type) {
        jdbc.update("INSERT INTO ledger_event (id, seller_id, order_id, type, subject, occurred_at, source) VALUES (?, 's1', ?, ?, '', ?, 'poll')",
                id, orderId, type, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    private PosEventsOutbox outbox(int batch) {
        return new PosEventsOutbox(jdbc, new OrderViews(jdbc, "s1"), "http://receiver.example/x", batch, new EventSignature("k"),
                Duration.ofSeconds(10), new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 1.0), clock);
    }

    private static List<Long> ids(PosEventsOutbox.Batch b) throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        JSON.readTree(b.body()).get("events").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    @Test
    void batchesGoInIdOrderAndThePositionMovesOnlyOnAnAcknowledgement() throws Exception {
        event(10, "A", "CREATE_INVOICE");
        event(11, "A", "MARK_SENT");
        event(12, "B", "CREATE_SALES_ORDER");
        PosEventsOutbox outbox = outbox(2);
        outbox.start();
        assertThat(outbox.position()).isEqualTo(9); // from the first event the ledger holds
        PosEventsOutbox.Batch first = outbox.next();
        assertThat(ids(first)).containsExactly(10L, 11L);
        assertThat(first.eventIds()).isEqualTo("10-11");
        assertThat(first.signature()).isEqualTo(new EventSignature("k").of(first.body()));
        JsonNode e = JSON.readTree(first.body()).get("events").get(0);
        assertThat(e.get("type").asText()).isEqualTo("CREATE_INVOICE");
        assertThat(e.get("occurredAt").asText()).isEqualTo("2026-12-06T10:00:00Z");
        assertThat(e.get("subject").isNull()).isTrue();
        assertThat(outbox.next().firstId()).as("not acknowledged: the same again").isEqualTo(10);
        outbox.acknowledged(first);
        assertThat(outbox.position()).isEqualTo(11);
        assertThat(ids(outbox.next())).containsExactly(12L);
        assertThat(outbox.pending().count()).isEqualTo(1);
    }

    @Test
    void aHoleIsWaitedForUntilItIsOlderThanTheGapWait() throws Exception {
        event(1, "A", "CREATE_INVOICE");
        PosEventsOutbox outbox = outbox(100);
        outbox.start();
        outbox.acknowledged(outbox.next());
        event(3, "B", "CREATE_INVOICE"); // 2 belongs to a transaction still open
        assertThat(outbox.next()).isNull();
        clock.advance(Duration.ofSeconds(5));
        event(2, "A", "MARK_SENT"); // it commits
        assertThat(ids(outbox.next())).containsExactly(2L, 3L);
        outbox.acknowledged(outbox.next());
        event(6, "C", "CREATE_INVOICE"); // 4 and 5 were rolled back: never to come
        assertThat(outbox.next()).isNull();
        clock.advance(Duration.ofSeconds(11));
        assertThat(ids(outbox.next())).containsExactly(6L);
    }

    @Test
    void aFailureWaitsGrowingDelaysAndRecordsWhatTheTargetSaid() throws Exception {
        event(1, "A", "CREATE_INVOICE");
        PosEventsOutbox outbox = outbox(100);
        outbox.start();
        PosEventsOutbox.Batch b = outbox.next();
        outbox.refused(b, 503, "x".repeat(2000));
        assertThat(outbox.next()).isNull();
        clock.advance(Duration.ofSeconds(1));
        outbox.failed(outbox.next(), new java.net.ConnectException("Connection refused"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.next()).as("the second wait is longer").isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.next()).isNotNull();
        assertThat(outbox.status().get("attempts")).isEqualTo(2L);
        assertThat(((java.util.Map<?, ?>) outbox.status().get("lastError")).get("message").toString()).contains("Connection refused");
        outbox.refused(b, 503, "x".repeat(2000));
        assertThat(((java.util.Map<?, ?>) outbox.status().get("lastError")).get("message").toString()).hasSize("HTTP 503: ".length() + 500);
    }

    @Test
    void aRewindGoesBackOnly() throws Exception {
        for (long id = 1; id <= 5; id++) {
            event(id, "A" + id, "CREATE_INVOICE");
        }
        PosEventsOutbox outbox = outbox(100);
        outbox.start();
        outbox.acknowledged(outbox.next());
        assertThat(outbox.position()).isEqualTo(5);
        outbox.rewind(3);
        assertThat(ids(outbox.next())).containsExactly(3L, 4L, 5L);
        assertThatThrownBy(() -> outbox.rewind(9)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only goes back");
        assertThatThrownBy(() -> outbox.rewind(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyLedgerStartsBeforeTheFirstIdItWillHandOut() throws Exception {
        PosEventsOutbox outbox = outbox(100);
        outbox.start();
        assertThat(outbox.next()).isNull();
        jdbc.update("INSERT INTO ledger_event (seller_id, order_id, type, subject, occurred_at, source) VALUES ('s1', 'A', 'CREATE_INVOICE', '', ?, 'poll')",
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        assertThat(outbox.next()).as("the first id, no hole before it").isNotNull();
    }

    @Test
    void withAWriteDelayAnEventLeavesOnlyOnceACrashCannotTakeItBack() throws Exception {
        event(1, "A", "CREATE_INVOICE");
        PosEventsOutbox outbox = outbox(100);
        outbox.durableAfter(Duration.ofMillis(600));
        outbox.start();
        assertThat(outbox.next()).as("visible, not on disk yet").isNull();
        clock.advance(Duration.ofMillis(300));
        event(2, "A", "MARK_SENT");
        assertThat(outbox.next()).isNull();
        clock.advance(Duration.ofMillis(300));
        assertThat(ids(outbox.next())).as("the first is settled, the second not yet").containsExactly(1L);
        clock.advance(Duration.ofMillis(300));
        assertThat(ids(outbox.next())).containsExactly(1L, 2L);
        assertThat(outbox.ledgerWriteDelay()).as("an in-memory ledger").isEqualTo(Duration.ZERO);
    }
}
