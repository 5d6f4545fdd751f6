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
}
