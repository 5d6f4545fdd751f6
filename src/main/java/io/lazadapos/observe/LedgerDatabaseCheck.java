package io.lazadapos.observe;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.api.ApiJson;

/** The ledger database answers a query within a few seconds. */
public final class LedgerDatabaseCheck extends SyncHealthCheck {

    private final JdbcTemplate jdbc;

    public LedgerDatabaseCheck(DataSource dataSource) {
        super("ledger-database");
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(3);
    }

    @Override
    protected void check(HealthCheckResultBuilder builder) {
        long start = System.nanoTime();
        try {
            jdbc.queryForObject("SELECT COUNT(*) FROM sync_state", Long.class);
            builder.up().detail("queryMillis", (System.nanoTime() - start) / 1_000_000).message("ledger database answers");
        } catch (RuntimeException e) {
            Throwable root = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
            down(builder, "ledger database does not answer: " + root.getClass().getSimpleName() + ": " + ApiJson.withoutSecrets(root.getMessage()));
        }
    }
}
