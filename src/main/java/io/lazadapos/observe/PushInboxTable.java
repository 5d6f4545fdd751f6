package io.lazadapos.observe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The backlog read from the push_inbox table (pushes pending or claimed, not processed yet). A
 * ledger without that table reads as "no inbox" rather than as an error.
 */
public final class PushInboxTable implements InboxBacklog {

    private final JdbcTemplate jdbc;

    public PushInboxTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Reading> read() {
        try {
            return Optional.ofNullable(jdbc.query(
                    "SELECT COUNT(CASE WHEN status IN ('PENDING', 'CLAIMED') THEN 1 END), "
                            + "MIN(CASE WHEN status IN ('PENDING', 'CLAIMED') THEN received_at END), MAX(received_at) FROM push_inbox",
                    rs -> rs.next() ? new Reading(rs.getLong(1), instant(rs.getObject(2, OffsetDateTime.class)),
                            instant(rs.getObject(3, OffsetDateTime.class))) : null));
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            throw e; // the database itself is away: that is the database check's news, not "no inbox"
        } catch (DataAccessException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
