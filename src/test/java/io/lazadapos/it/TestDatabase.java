package io.lazadapos.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The ledger database of a test: a fresh in-memory HSQLDB by default, or a fresh schema of a real
 * PostgreSQL server when the tests are run with {@code TEST_DB=postgres} (environment variable or
 * system property {@code test.db}). Every ledger is new and empty, so tests stay independent.
 *
 * <p>PostgreSQL is reached through {@code TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/lazadapos_test}), {@code TEST_PG_USER} and
 * {@code TEST_PG_PASSWORD} (default {@code lazadapos} for both); the user must be allowed to
 * create schemas in that database. Each ledger is a schema of its own ({@code currentSchema} of
 * the URL), dropped when the test JVM exits.
 */
public final class TestDatabase {

    private static final boolean POSTGRES = "postgres".equals(setting("test.db", "TEST_DB", "hsqldb").toLowerCase(Locale.ROOT));
    private static final String PG_URL = setting("test.pg.url", "TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/lazadapos_test");
    private static final String PG_USER = setting("test.pg.user", "TEST_PG_USER", "lazadapos");
    private static final String PG_PASSWORD = setting("test.pg.password", "TEST_PG_PASSWORD", "lazadapos");
    private static final List<String> SCHEMAS = new ArrayList<>();

    static {
        if (POSTGRES) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropSchemas, "drop-test-schemas"));
        }
    }

    private TestDatabase() {
    }

    /** True when the ledgers of this run are PostgreSQL schemas. */
    public static boolean postgres() {
        return POSTGRES;
    }

    /** The runtime's settings ({@code pos.db.url}, user, password) of a fresh, empty ledger. */
    public static Map<String, String> fresh(String name) {
        return POSTGRES ? postgresLedger(newSchema(name)) : hsqldbLedger("jdbc:hsqldb:mem:" + name + "-" + UUID.randomUUID() + ";hsqldb.tx=mvcc");
    }

    /**
     * The settings of a fresh ledger that outlives the runtime the way a file on disk does: the
     * same settings reach the same data after a stop and a new start. HSQLDB keeps it in files
     * under {@code dir} (closed when the runtime stops); PostgreSQL in a schema of its own.
     */
    public static Map<String, String> durable(Path dir) {
        return POSTGRES ? postgresLedger(newSchema("durable"))
                : hsqldbLedger("jdbc:hsqldb:file:" + dir.resolve("ledger") + ";hsqldb.tx=mvcc;shutdown=true");
    }

    /** A small pool over the ledger of these settings ({@link #durable}, {@link #fresh}), for a test to read it. */
    public static HikariDataSource dataSourceFor(Map<String, String> ledger) {
        HikariDataSource db = new HikariDataSource();
        db.setJdbcUrl(ledger.get("pos.db.url"));
        db.setUsername(ledger.get("pos.db.user"));
        db.setPassword(ledger.get("pos.db.password"));
        db.setMaximumPoolSize(2);
        return db;
    }

    /** A pool over a fresh, empty ledger (not migrated), for tests that build their own beans. */
    public static HikariDataSource dataSource(String name, int poolSize) {
        Map<String, String> ledger = fresh(name);
        HikariDataSource db = new HikariDataSource();
        db.setJdbcUrl(ledger.get("pos.db.url"));
        db.setUsername(ledger.get("pos.db.user"));
        db.setPassword(ledger.get("pos.db.password"));
        db.setMaximumPoolSize(poolSize);
        return db;
    }

    private static Map<String, String> hsqldbLedger(String url) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.db.url", url);
        settings.put("pos.db.user", "SA");
        settings.put("pos.db.password", "");
        return settings;
    }

    private static Map<String, String> postgresLedger(String schema) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.db.url", PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        settings.put("pos.db.user", PG_USER);
        settings.put("pos.db.password", PG_PASSWORD);
        return settings;
    }

    private static String newSchema(String name) {
        String schema = ("test_" + name.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + PG_URL + " as " + PG_USER
                    + " (is PostgreSQL running, and TEST_PG_URL/TEST_PG_USER/TEST_PG_PASSWORD set?)", e);
        }
        synchronized (SCHEMAS) {
            SCHEMAS.add(schema);
        }
        return schema;
    }

    private static void dropSchemas() {
        List<String> schemas;
        synchronized (SCHEMAS) {
            schemas = new ArrayList<>(SCHEMAS);
        }
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            // A runtime a test left running must not hold the JVM's exit: what cannot be dropped now stays.
            s.execute("SET lock_timeout = '2s'");
            for (String schema : schemas) {
                try {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    // best effort
                }
            }
        } catch (SQLException e) {
            // best effort: the CI drops the whole test database before each run
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
