package io.lazadapos.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sellers' Lazada tokens in the ledger database ({@code seller_token}). Both tokens change in
 * one statement, and only over the version that was read, so two refreshes never interleave.
 * Rows are never logged: {@link StoredTokens#toString()} leaves the tokens out.
 */
public final class TokenStore {

    /** Whether the seller's authorization works. */
    public enum AuthState { ACTIVE, REVOKED }

    /** One seller's row. */
    public record StoredTokens(String sellerId, String accessToken, String refreshToken, Instant accessIssuedAt,
            Instant accessExpiresAt, Instant refreshExpiresAt, String seedFingerprint, long version, AuthState state,
            String problem, Instant updatedAt) {

        @Override
        public String toString() {
            return "StoredTokens[" + sellerId + ", v" + version + ", " + state + ", access expires " + accessExpiresAt + "]";
        }
    }

    private static final String COLUMNS = "seller_id, access_token, refresh_token, access_issued_at, access_expires_at, "
            + "refresh_expires_at, seed_fingerprint, token_version, auth_state, auth_problem, updated_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public TokenStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<StoredTokens> find(String sellerId) {
        List<StoredTokens> rows = jdbc.query("SELECT " + COLUMNS + " FROM seller_token WHERE seller_id = ?", TokenStore::row, sellerId);
        return rows.stream().findFirst();
    }

    public List<StoredTokens> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM seller_token ORDER BY seller_id", TokenStore::row);
    }

    /** The hash a seed is recognised by (never the tokens themselves). */
    public static String fingerprint(String accessToken, String refreshToken) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(accessToken).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(String.valueOf(refreshToken).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** First start: the configured tokens become the seller's row. False when a row exists already. */
    public boolean insertSeed(String sellerId, String accessToken, String refreshToken) {
        OffsetDateTime now = now();
        try {
            jdbc.update("INSERT INTO seller_token (seller_id, access_token, refresh_token, seed_fingerprint, token_version, auth_state, "
                            + "seeded_at, updated_at) VALUES (?, ?, ?, ?, 1, 'ACTIVE', ?, ?)",
                    sellerId, accessToken, refreshToken, fingerprint(accessToken, refreshToken), now, now);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /**
     * An explicit re-seed (the seller authorized again): the configured tokens replace the stored
     * ones, unless these very tokens were seeded before (a re-seed flag left on changes nothing)
     * and {@code evenIfSeededBefore} is false.
     */
    public boolean reseed(String sellerId, String accessToken, String refreshToken, boolean evenIfSeededBefore) {
        OffsetDateTime now = now();
        String fingerprint = fingerprint(accessToken, refreshToken);
        return jdbc.update("UPDATE seller_token SET access_token = ?, refresh_token = ?, access_issued_at = NULL, access_expires_at = NULL, "
                        + "refresh_expires_at = NULL, seed_fingerprint = ?, token_version = token_version + 1, auth_state = 'ACTIVE', "
                        + "auth_problem = NULL, seeded_at = ?, updated_at = ? WHERE seller_id = ? AND (seed_fingerprint <> ? OR ?)",
                accessToken, refreshToken, fingerprint, now, now, sellerId, fingerprint, evenIfSeededBefore) > 0;
    }

    /** Stores a refresh's answer over the version that was refreshed; false when someone else changed the row first. */
    public boolean storeRefreshed(String sellerId, long expectedVersion, String accessToken, String refreshToken, Instant issuedAt,
            Instant accessExpiresAt, Instant refreshExpiresAt) {
        return jdbc.update("UPDATE seller_token SET access_token = ?, refresh_token = ?, access_issued_at = ?, access_expires_at = ?, "
                        + "refresh_expires_at = ?, token_version = token_version + 1, auth_state = 'ACTIVE', auth_problem = NULL, updated_at = ? "
                        + "WHERE seller_id = ? AND token_version = ?",
                accessToken, refreshToken, utc(issuedAt), utc(accessExpiresAt), utc(refreshExpiresAt), now(), sellerId, expectedVersion) > 0;
    }

    /** The seller must authorize again: calls for it stop until a re-seed. Only over the version that failed. */
    public boolean markRevoked(String sellerId, long expectedVersion, String problem) {
        return jdbc.update("UPDATE seller_token SET auth_state = 'REVOKED', auth_problem = ?, token_version = token_version + 1, updated_at = ? "
                        + "WHERE seller_id = ? AND token_version = ?",
                cut(problem, 1000), now(), sellerId, expectedVersion) > 0;
    }

    /** The seller was disconnected: its tokens are gone from the ledger. */
    public boolean delete(String sellerId) {
        return jdbc.update("DELETE FROM seller_token WHERE seller_id = ?", sellerId) > 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static StoredTokens row(ResultSet rs, int n) throws SQLException {
        return new StoredTokens(rs.getString("seller_id"), rs.getString("access_token"), rs.getString("refresh_token"),
                instant(rs, "access_issued_at"), instant(rs, "access_expires_at"), instant(rs, "refresh_expires_at"),
                rs.getString("seed_fingerprint"), rs.getLong("token_version"), AuthState.valueOf(rs.getString("auth_state")),
                rs.getString("auth_problem"), instant(rs, "updated_at"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
