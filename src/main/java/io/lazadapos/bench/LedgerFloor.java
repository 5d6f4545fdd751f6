package io.lazadapos.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

/**
 * The floor the database sets: a ledger's rows written by plain JDBC batch inserts (1,000 a batch,
 * one commit a batch) into a fresh HSQLDB file database of the same kind and schema. Rows are
 * streamed from the source ledger; only the writes are timed.
 *
 * <p>Run as its own JVM ({@code main}: source URL, target folder, extra URL settings) it starts as
 * cold as the runtime does: the backfill pays for loading and compiling HSQLDB's code, and so does
 * this floor. Prints {@code rows seconds}.
 */
public final class LedgerFloor {

    static final String[] LEDGER_TABLES = {"pos_order", "order_lock", "sales_order", "invoice", "order_line", "review",
            "ledger_event", "sync_state", "return_case", "return_line"};

    /** Rows written and seconds spent writing them. */
    public record Result(long rows, double seconds) {
    }

    private LedgerFloor() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection from = DriverManager.getConnection(args[0], "SA", "")) {
            Result r = write(from, Path.of(args[1]), args.length > 2 ? args[2] : "");
            System.out.println(r.rows() + " " + r.seconds());
        }
    }

    /** Copies every ledger table of {@code from} into a new HSQLDB file database in {@code dir}. */
    public static Result write(Connection from, Path dir, String urlExtra) throws Exception {
        String url = io.lazadapos.AppConfiguration.hsqldbTuned("jdbc:hsqldb:file:" + dir.resolve("ledger") + ";hsqldb.write_delay_millis=100" + urlExtra);
        Flyway.configure().dataSource(url, "SA", "").locations("classpath:db/migration").load().migrate();
        long total = 0;
        long writing = 0;
        try (Connection to = DriverManager.getConnection(url, "SA", "")) {
            to.setAutoCommit(false);
            for (String table : LEDGER_TABLES) {
                try (Statement s = from.createStatement()) {
                    s.setFetchSize(1000);
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData md = rs.getMetaData();
                        int cols = md.getColumnCount();
                        StringBuilder names = new StringBuilder();
                        for (int i = 1; i <= cols; i++) {
                            names.append(i > 1 ? ", " : "").append(md.getColumnName(i));
                        }
                        String insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + "?, ".repeat(cols - 1) + "?)";
                        Object[] row = new Object[cols];
                        try (PreparedStatement ps = to.prepareStatement(insert)) {
                            int inBatch = 0;
                            while (rs.next()) {
                                for (int i = 1; i <= cols; i++) {
                                    row[i - 1] = rs.getObject(i);
                                }
                                long t0 = System.nanoTime();
                                for (int i = 0; i < cols; i++) {
                                    ps.setObject(i + 1, row[i]);
                                }
                                ps.addBatch();
                                if (++inBatch == 1000) {
                                    ps.executeBatch();
                                    to.commit();
                                    inBatch = 0;
                                }
                                writing += System.nanoTime() - t0;
                                total++;
                            }
                            long t0 = System.nanoTime();
                            if (inBatch > 0) {
                                ps.executeBatch();
                                to.commit();
                            }
                            writing += System.nanoTime() - t0;
                        }
                    }
                }
            }
            try (Statement s = to.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        return new Result(total, writing / 1e9);
    }
}
