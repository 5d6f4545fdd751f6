package io.lazadapos.push;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.ledger.SyncState;

/**
 * Lazada's warning that a seller's authorization ends within 48 hours (push type 8), kept in
 * sync_state where the API shows it until the token is refreshed.
 */
public final class TokenExpiryAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(TokenExpiryAlerts.class);

    /** When the authorization ends, as Lazada announced it ("unknown" when the push did not say). */
    public static final String EXPIRES_AT = "token.expiry-announced";
    /** When the announcement arrived. */
    public static final String ALERTED_AT = "token.expiry-alerted-at";

    private final SyncState state;
    private final Clock clock;

    public TokenExpiryAlerts(SyncState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    public void record(String sellerId, Instant authExpiryTime) {
        state.put(sellerId, EXPIRES_AT, authExpiryTime == null ? "unknown" : authExpiryTime.toString());
        state.put(sellerId, ALERTED_AT, clock.instant().toString());
        LOG.warn("Lazada says the authorization of seller {} ends {}: the access token must be refreshed", sellerId,
                authExpiryTime == null ? "within 48 hours" : "at " + authExpiryTime);
    }

    /** The last alert of a seller, or null. */
    public Map<String, Object> current(String sellerId) {
        var alertedAt = state.get(sellerId, ALERTED_AT);
        if (alertedAt.isEmpty()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sellerId", sellerId);
        m.put("authExpiryTime", state.get(sellerId, EXPIRES_AT).orElse("unknown"));
        m.put("alertedAt", alertedAt.get());
        return m;
    }
}
