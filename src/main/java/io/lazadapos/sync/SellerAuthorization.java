package io.lazadapos.sync;

import java.time.Instant;

/**
 * Where a seller's authorization stands, for the health check and the console: never the tokens.
 *
 * @param state          ACTIVE, REVOKED (the seller must authorize again) or NOT_CONFIGURED
 * @param problem        why it is revoked
 * @param refreshedAt    when the access token was last refreshed (null: still the seeded one)
 * @param nextRefreshAt  from when it is refreshed ahead of its expiry
 */
public record SellerAuthorization(String sellerId, String state, String problem, Instant refreshedAt, Instant accessExpiresAt,
        Instant refreshExpiresAt, Instant nextRefreshAt) {

    public boolean active() {
        return "ACTIVE".equals(state);
    }
}
