package io.lazadapos.ledger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The databases the ledger runs on. */
class LedgerDatabaseTest {

    @Test
    void hsqldbAndPostgresql15OrLaterAreNamed() {
        assertThat(LedgerDatabase.check("HSQL Database Engine", 2, "2.7.4")).isEqualTo("HSQL Database Engine 2.7.4");
        assertThat(LedgerDatabase.check("PostgreSQL", 15, "15.18 (Debian 15.18-0+deb12u1)")).isEqualTo("PostgreSQL 15.18 (Debian 15.18-0+deb12u1)");
        assertThat(LedgerDatabase.check("PostgreSQL", 17, "17.2")).isEqualTo("PostgreSQL 17.2");
    }

    @Test
    void postgresqlBeforeMergeIsRefusedAtStart() {
        assertThatThrownBy(() -> LedgerDatabase.check("PostgreSQL", 14, "14.11"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL 15 or later")
                .hasMessageContaining("14.11");
    }

    @Test
    void anEmbeddedFileLedgerIsTunedAndClosesWithTheRuntime() throws Exception {
        String url = io.lazadapos.AppConfiguration.hsqldbTuned("jdbc:hsqldb:file:data/ledger");
        assertThat(url).contains(";hsqldb.tx=mvcc", ";sql.pad_space=false", ";hsqldb.default_table_type=cached", ";shutdown=true");
        // An in-memory ledger would be lost with its last connection: it is left open.
        assertThat(io.lazadapos.AppConfiguration.hsqldbTuned("jdbc:hsqldb:mem:x")).doesNotContain("shutdown=");
        assertThat(io.lazadapos.AppConfiguration.hsqldbTuned("jdbc:hsqldb:file:x;shutdown=false")).doesNotContain("shutdown=true");
        assertThat(io.lazadapos.AppConfiguration.hsqldbTuned("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");

        // Closed with its last connection: the files are released, and a new start finds the data.
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ledger-close");
        String file = io.lazadapos.AppConfiguration.hsqldbTuned("jdbc:hsqldb:file:" + dir.resolve("ledger"));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(file, "SA", "")) {
            c.createStatement().execute("CREATE TABLE t (x INT)");
            c.createStatement().execute("INSERT INTO t VALUES (1)");
        }
        assertThat(dir.resolve("ledger.lck")).doesNotExist();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(file, "SA", "");
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
