package io.lazadapos.push;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushInboxLocationTest {

    @Test
    void anHsqldbLedgerGetsASiblingDatabaseWithTheSameProperties() {
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:hsqldb:file:data/ledger;hsqldb.tx=mvcc;shutdown=true", ""))
                .contains("jdbc:hsqldb:file:data/ledger-push-inbox;hsqldb.tx=mvcc;shutdown=true");
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:hsqldb:file:/var/lib/pos/ledger", null))
                .contains("jdbc:hsqldb:file:/var/lib/pos/ledger-push-inbox");
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:hsqldb:mem:it-1;hsqldb.tx=mvcc", "  "))
                .contains("jdbc:hsqldb:mem:it-1-push-inbox;hsqldb.tx=mvcc");
    }

    @Test
    void aLedgerOnADatabaseServerKeepsTheInbox() {
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:postgresql://db:5432/lazadapos?user=u&password=p", "")).isEmpty();
        // An HSQLDB server's databases are the server's to name.
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:hsqldb:hsql://db/ledger", "")).isEmpty();
    }

    @Test
    void theSettingChoosesTheLedgerOrAnotherDatabase() {
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:hsqldb:file:data/ledger", "ledger")).isEmpty();
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:hsqldb:file:data/ledger", "jdbc:hsqldb:file:data/ledger")).isEmpty();
        assertThat(PushInboxLocation.ownDatabaseUrl("jdbc:postgresql://db/pos", "jdbc:postgresql://inbox-db/pushes"))
                .contains("jdbc:postgresql://inbox-db/pushes");
        assertThatThrownBy(() -> PushInboxLocation.ownDatabaseUrl("jdbc:hsqldb:file:data/ledger", "data/inbox"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POS_PUSH_DB_URL");
    }
}
