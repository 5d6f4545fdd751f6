package io.lazadapos.ledger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** Per-seller sync positions kept in the ledger database (the poll watermark among them). */
public final class SyncState {

    public static final String POLL_WATERMARK = "poll.watermark";
    public static final String LAST_POLL_OK = "poll.last-success";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SyncState(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(String sellerId, String name) {
        List<String> values = jdbc.queryForList(
                "SELECT state_value FROM sync_state WHERE seller_id = ? AND state_key = ?", String.class, sellerId, name);
        return values.stream().findFirst();
    }

    public void put(String sellerId, String name, String value) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE sync_state SET state_value = ?, updated_at = ? WHERE seller_id = ? AND state_key = ?",
                value, now, sellerId, name);
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO sync_state (seller_id, state_key, state_value, updated_at) VALUES (?, ?, ?, ?)",
                        sellerId, name, value, now);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                jdbc.update("UPDATE sync_state SET state_value = ?, updated_at = ? WHERE seller_id = ? AND state_key = ?",
                        value, now, sellerId, name);
            }
        }
    }
}
