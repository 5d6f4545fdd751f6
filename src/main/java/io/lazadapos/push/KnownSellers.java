package io.lazadapos.push;

import java.util.function.Predicate;

/**
 * The sellers this runtime syncs: connected (active in the seller list) and holding tokens. A push
 * for any other seller cannot be fetched: it fails with a message that points at the likely cause
 * instead of a Lazada error about tokens.
 */
public final class KnownSellers {

    /** A push for a seller the runtime does not sync. */
    public static final class UnknownSeller extends IllegalStateException {
        public UnknownSeller(String message) {
            super(message);
        }
    }

    private final Predicate<String> active;
    private final Predicate<String> hasToken;

    public KnownSellers(Predicate<String> active, Predicate<String> hasToken) {
        this.active = active;
        this.hasToken = hasToken;
    }

    public void require(String sellerId) {
        if (sellerId == null || !active.test(sellerId)) {
            throw new UnknownSeller("push for seller " + sellerId + ", which this runtime does not sync: connect the seller "
                    + "(POST /api/sellers), or set LAZADA_SELLER_ID to the seller_id Lazada sends in its pushes");
        }
        if (!hasToken.test(sellerId)) {
            throw new UnknownSeller("push for seller " + sellerId + ", whose tokens are not stored: connect the seller again "
                    + "(POST /api/sellers with its tokens)");
        }
    }
}
