package io.lazadapos.ledger;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database the ledger lives in: HSQLDB (embedded) or PostgreSQL, chosen by the JDBC URL. The
 * migrations and the routes' SQL are the same on both; PostgreSQL must be 15 or later, the first
 * with MERGE (the order lines and return cases are written with it).
 */
public final class LedgerDatabase {

    static final int OLDEST_POSTGRESQL = 15;

    private LedgerDatabase() {
    }

    /** Names the database ("PostgreSQL 15.4"); refuses one the ledger's SQL does not run on. */
    public static String check(DataSource dataSource) {
        return new JdbcTemplate(dataSource).execute((ConnectionCallback<String>) c -> {
            DatabaseMetaData meta = c.getMetaData();
            return check(meta.getDatabaseProductName(), meta.getDatabaseMajorVersion(), meta.getDatabaseProductVersion());
        });
    }

    static String check(String product, int majorVersion, String version) {
        if ("PostgreSQL".equalsIgnoreCase(product) && majorVersion < OLDEST_POSTGRESQL) {
            throw new IllegalStateException("the POS ledger needs PostgreSQL " + OLDEST_POSTGRESQL + " or later (MERGE); "
                    + "POS_DB_URL points at PostgreSQL " + version);
        }
        return product + " " + version;
    }
}
