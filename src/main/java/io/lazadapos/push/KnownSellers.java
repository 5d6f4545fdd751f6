package io.lazadapos.push;

import java.util.function.Predicate;

/**
 * The sellers this runtime holds tokens for. A push for any other seller cannot be fetched: it
 * fails with a message that points at the likely cause instead of a Lazada error about tokens.
 */
public final class KnownSellers {

    /** A push for a seller the runtime does not sync. */
    public static final class UnknownSeller extends IllegalStateException {
        public UnknownSeller(String message) {
            super(message);
        }
    }

    private final Predicate<String> hasToken;
    private final String configuredSeller;

    public KnownSellers(Predicate<String> hasToken, String configuredSeller) {
        this.hasToken = hasToken;
        this.configuredSeller = configuredSeller;
    }

    public void require(String sellerId) {
        if (sellerId == null || !hasToken.test(sellerId)) {
            throw new UnknownSeller("push for seller " + sellerId + ", but this runtime syncs seller " + configuredSeller
                    + ": LAZADA_SELLER_ID must be the seller_id Lazada sends in its pushes");
        }
    }
}
