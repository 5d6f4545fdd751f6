package io.lazadapos.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sellers of the ledger ({@code seller}): id, country, label, whether they are synced. Tokens live in {@link TokenStore}. */
public final class SellerStore {

    /** Whether the seller is synced. */
    public enum Status { ACTIVE, DISCONNECTED }

    /** One seller's row. */
    public record SellerRow(String sellerId, String country, String name, Status status, Instant createdAt, Instant updatedAt,
            Instant disconnectedAt) {

        public boolean active() {
            return status == Status.ACTIVE;
        }
    }

    private static final String COLUMNS = "seller_id, country, name, status, created_at, updated_at, disconnected_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SellerStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<SellerRow> find(String sellerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM seller WHERE seller_id = ?", SellerStore::row, sellerId).stream().findFirst();
    }

    public List<SellerRow> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM seller ORDER BY seller_id", SellerStore::row);
    }

    /** A new, active seller; false when the id exists already (in any status). */
    public boolean insert(String sellerId, String country, String name) {
        OffsetDateTime now = now();
        try {
            return jdbc.update("INSERT INTO seller (seller_id, country, name, status, created_at, updated_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?)",
                    sellerId, country, name, now, now) > 0;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** A disconnected seller connected again (new tokens): active, with its country and label as given now. */
    public boolean reconnect(String sellerId, String country, String name) {
        return jdbc.update("UPDATE seller SET status = 'ACTIVE', country = ?, name = ?, disconnected_at = NULL, updated_at = ? "
                + "WHERE seller_id = ? AND status = 'DISCONNECTED'", country, name, now(), sellerId) > 0;
    }

    /** No longer synced; its orders stay. False when it was not active. */
    public boolean disconnect(String sellerId) {
        OffsetDateTime now = now();
        return jdbc.update("UPDATE seller SET status = 'DISCONNECTED', disconnected_at = ?, updated_at = ? WHERE seller_id = ? AND status = 'ACTIVE'",
                now, now, sellerId) > 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static SellerRow row(ResultSet rs, int n) throws SQLException {
        return new SellerRow(rs.getString("seller_id"), rs.getString("country"), rs.getString("name"), Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "disconnected_at"));
    }
}
