package io.lazadapos.push;

import java.util.Optional;

/**
 * Where the push inbox lives. Beside an embedded HSQLDB ledger it gets a database of its own (the
 * ledger's name with {@code -push-inbox} after it): HSQLDB serializes commits and shares one row
 * cache per database, so an inbox inside the ledger's database made a push's answer wait behind a
 * backfill's commits. A ledger on a database server (PostgreSQL) keeps the inbox in its own
 * database, where every instance of the runtime sees it.
 */
public final class PushInboxLocation {

    /** The setting's value that keeps the inbox in the ledger's database whatever the ledger is. */
    public static final String IN_THE_LEDGER = "ledger";

    private static final String SUFFIX = "-push-inbox";

    private PushInboxLocation() {
    }

    /**
     * The JDBC URL of the inbox's own database, or empty when the inbox lives in the ledger's.
     *
     * @param ledgerUrl the ledger's JDBC URL
     * @param configured the configured inbox URL: blank for the default, {@value #IN_THE_LEDGER}, or a JDBC URL
     */
    public static Optional<String> ownDatabaseUrl(String ledgerUrl, String configured) {
        String chosen = configured == null ? "" : configured.trim();
        if (chosen.equalsIgnoreCase(IN_THE_LEDGER) || chosen.equals(ledgerUrl.trim())) {
            return Optional.empty();
        }
        if (!chosen.isEmpty()) {
            if (!chosen.startsWith("jdbc:")) {
                throw new IllegalArgumentException("POS_PUSH_DB_URL must be a JDBC URL or '" + IN_THE_LEDGER + "', not " + chosen);
            }
            return Optional.of(chosen);
        }
        if (!ledgerUrl.startsWith("jdbc:hsqldb:file:") && !ledgerUrl.startsWith("jdbc:hsqldb:mem:")) {
            return Optional.empty();
        }
        // The database's name ends at the first ';' (the connection properties, which the inbox shares).
        int properties = ledgerUrl.indexOf(';');
        String name = properties < 0 ? ledgerUrl : ledgerUrl.substring(0, properties);
        String rest = properties < 0 ? "" : ledgerUrl.substring(properties);
        return Optional.of(name + SUFFIX + rest);
    }
}
