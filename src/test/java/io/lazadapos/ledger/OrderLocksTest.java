package io.lazadapos.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.lazadapos.it.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders' row locks over a real ledger (HSQLDB, or PostgreSQL: see TestDatabase). */
class OrderLocksTest {

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private OrderLocks locks;
    private TransactionTemplate transactions;

    @BeforeEach
    void ledger() {
        dataSource = TestDatabase.dataSource("locks", 4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        locks = new OrderLocks(jdbc);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private static List<Map<String, Object>> keys(String... orderIds) {
        return java.util.Arrays.stream(orderIds).sorted().map(id -> Map.<String, Object>of("sellerId", "s1", "orderId", id)).toList();
    }

    private long seq(String orderId) {
        return jdbc.queryForObject("SELECT lock_seq FROM order_lock WHERE seller_id = 's1' AND order_id = ?", Long.class, orderId);
    }

    @Test
    void newOrdersGetALockRowAndKnownOnesAnUpdate() {
        transactions.executeWithoutResult(tx -> locks.take(keys("1", "2")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM order_lock", Long.class)).isEqualTo(2);
        assertThat(seq("1")).isZero();
        transactions.executeWithoutResult(tx -> locks.take(keys("1", "2", "3")));
        assertThat(seq("1")).isEqualTo(1);
        assertThat(seq("2")).isEqualTo(1);
        assertThat(seq("3")).isZero();
        // Nothing of a rolled-back batch stays.
        transactions.executeWithoutResult(tx -> {
            locks.take(keys("4"));
            tx.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM order_lock WHERE order_id = '4'", Long.class)).isZero();
    }

    @Test
    void aSecondBatchOnTheSameNewOrderWaitsForTheFirst() throws Exception {
        CompletableFuture<Void> firstHolds = new CompletableFuture<>();
        CompletableFuture<Void> firstMayCommit = new CompletableFuture<>();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            locks.take(keys("7"));
            firstHolds.complete(null);
            firstMayCommit.join();
        }));
        firstHolds.get(10, TimeUnit.SECONDS);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            try {
                transactions.executeWithoutResult((TransactionStatus tx) -> locks.take(keys("7")));
                return "took the lock";
            } catch (DuplicateKeyException refused) {
                // PostgreSQL: the twin's row came first; the caller applies its batch once more.
                transactions.executeWithoutResult((TransactionStatus tx) -> locks.take(keys("7")));
                return "took the lock on the second attempt";
            }
        });
        Thread.sleep(Duration.ofMillis(500).toMillis());
        assertThat(second).as("waits while the first batch holds the order").isNotDone();
        firstMayCommit.complete(null);
        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS))
                .isEqualTo(TestDatabase.postgres() ? "took the lock on the second attempt" : "took the lock");
        assertThat(seq("7")).isEqualTo(1);
    }
}
