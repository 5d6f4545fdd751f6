package io.lazadapos.observe;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.health.HealthCheck;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.it.TestClock;
import io.lazadapos.it.TestDatabase;
import io.lazadapos.ledger.SyncState;
import io.lazadapos.sync.SyncHealth;

import static org.assertj.core.api.Assertions.assertThat;

/** The poll-freshness check against the interval: up, degraded, down, with the reason. */
class PollFreshnessCheckTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private HikariDataSource db;
    private TestClock clock;
    private SyncHealth health;
    private SyncState state;

    @BeforeEach
    void ledger() {
        db = TestDatabase.dataSource("freshness", 2);
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        clock = new TestClock(Instant.parse("2026-11-01T00:00:00Z"));
        health = new SyncHealth(clock);
        state = new SyncState(new JdbcTemplate(db), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private HealthCheck.Result check(boolean enabled) {
        return new PollFreshnessCheck(health, state, "s1", enabled, INTERVAL, Duration.ofSeconds(1), clock).call();
    }

    @Test
    void switchedOffPollingIsNoProblem() {
        HealthCheck.Result r = check(false);
        assertThat(r.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("switched off"));
    }

    @Test
    void lateThenStalePollsTurnDegradedThenDown() {
        PollFreshnessCheck check = new PollFreshnessCheck(health, state, "s1", true, INTERVAL, Duration.ofSeconds(1), clock);
        assertThat(check.call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("first poll pending"));

        health.pollSucceeded("s1");
        clock.advance(Duration.ofSeconds(30));
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(check.call().getDetails().get("degraded")).isEqualTo(false);

        clock.advance(Duration.ofMinutes(3));
        HealthCheck.Result late = check.call();
        assertThat(late.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(late.getDetails().get("degraded")).isEqualTo(true);
        assertThat(late.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("degraded: poll is late"));

        health.pollFailed("s1", new IllegalStateException("Lazada unreachable"));
        clock.advance(Duration.ofMinutes(10));
        HealthCheck.Result stale = check.call();
        assertThat(stale.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(stale.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("last successful poll").contains("IllegalStateException"));
    }

    @Test
    void theLastSuccessKeptInTheLedgerSurvivesARestart() {
        state.put("s1", SyncState.LAST_POLL_OK, clock.instant().minus(Duration.ofHours(2)).toString());
        PollFreshnessCheck restarted = new PollFreshnessCheck(health, state, "s1", true, INTERVAL, Duration.ofSeconds(1), clock);
        assertThat(restarted.call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("first poll pending"));
        clock.advance(Duration.ofMinutes(5));
        HealthCheck.Result r = restarted.call();
        assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("125 min ago"));
    }
}
