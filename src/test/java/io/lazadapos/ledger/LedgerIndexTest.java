package io.lazadapos.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.it.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** What the poll asks the ledger before fetching items, over a real database (HSQLDB, or PostgreSQL: see TestDatabase). */
class LedgerIndexTest {

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private LedgerIndex index;

    @BeforeEach
    void database() {
        dataSource = TestDatabase.dataSource("index", 2);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        index = new LedgerIndex(jdbc);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private void order(String sellerId, String orderId, String updatedAt, String statuses) {
        OffsetDateTime at = Instant.parse(updatedAt).atOffset(ZoneOffset.UTC);
        jdbc.update("INSERT INTO pos_order (seller_id, order_id, order_number, stage, tab, lazada_statuses, lazada_updated_at, fingerprint,"
                + " progress, created_at, business_date, currency, price, voucher, shipping_fee, first_seen_at, synced_at, last_source)"
                + " VALUES (?, ?, ?, 'PAID', 'NEW_ORDER', ?, ?, 'f', 1, ?, ?, 'IDR', 10.00, 0.00, 1.00, ?, ?, 'poll')",
                sellerId, orderId, orderId, statuses, at, at, at.toLocalDate(), at, at);
    }

    @Test
    void theNewestAppliedUpdateIsTheSellersOwn() {
        assertThat(index.newestApplied("s1")).isNull();
        order("s1", "1", "2026-11-30T10:00:00Z", "pending");
        order("s1", "2", "2026-11-30T12:00:00Z", "pending");
        order("s1", "3", "2026-11-30T11:00:00Z", "pending");
        // Another seller's newer order (even under the same id) is not this seller's.
        order("s2", "2", "2026-12-01T00:00:00Z", "pending");
        order("s0", "9", "2026-12-02T00:00:00Z", "pending");

        assertThat(index.newestApplied("s1")).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(index.newestApplied("s2")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(index.newestApplied("s3")).isNull();
    }

    @Test
    void appliedSnapshotsAreFoundByIdWithinTheSeller() {
        order("s1", "1", "2026-11-30T10:00:00Z", "pending,canceled");
        order("s2", "2", "2026-11-30T10:00:00Z", "pending");

        var applied = index.applied("s1", List.of("1", "2", "3"));
        assertThat(applied).containsOnlyKeys("1");
        assertThat(applied.get("1").lazadaUpdatedAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(applied.get("1").statuses()).isEqualTo("pending,canceled");
        assertThat(index.applied("s1", List.of())).isEmpty();
    }
}
