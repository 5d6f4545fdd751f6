package io.lazadapos.lazada;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's own limit on calls to Lazada, per seller: each seller's calls get their own
 * {@link LazadaRateLimit} of {@code callsPerSecond}, so a big seller's backfill does not hold up a
 * small seller's calls. Lazada's ban (ApiCallLimit, 901) is the app's: it holds every seller's
 * calls off. Token calls count for the seller whose tokens they refresh.
 *
 * <p>The limit is per instance: with several instances, a seller's pushes are fetched by all of
 * them (its poll runs on one).
 */
public final class SellerRateLimits {

    private final int callsPerSecond;
    private final Clock clock;
    private final LazadaRateLimit.Sleeper sleeper;
    private final Map<String, LazadaRateLimit> bySeller = new ConcurrentHashMap<>();
    private long bannedUntil;

    public SellerRateLimits(int callsPerSecond, Clock clock) {
        this(callsPerSecond, clock, Thread::sleep);
    }

    public SellerRateLimits(int callsPerSecond, Clock clock, LazadaRateLimit.Sleeper sleeper) {
        this.callsPerSecond = callsPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public int callsPerSecond() {
        return callsPerSecond;
    }

    /** Waits until a call of this seller may go out; answers the permit's time (epoch milliseconds). */
    public long acquire(String sellerId) {
        return of(sellerId).acquire();
    }

    /** The limit of one seller's calls. */
    public LazadaRateLimit of(String sellerId) {
        return bySeller.computeIfAbsent(sellerId == null ? "" : sellerId, s -> {
            LazadaRateLimit limit = new LazadaRateLimit(callsPerSecond, clock, sleeper);
            long left;
            synchronized (this) {
                left = bannedUntil - clock.millis();
            }
            if (left > 0) {
                limit.holdOff(left);
            }
            return limit;
        });
    }

    /** Lazada banned the app for a while: no call of any seller goes out before it ends. */
    public void holdOff(long millis) {
        synchronized (this) {
            bannedUntil = Math.max(bannedUntil, clock.millis() + millis);
        }
        bySeller.values().forEach(l -> l.holdOff(millis));
    }

    /** How often a caller had to wait, all sellers together (for the metrics and tests). */
    public long waits() {
        return bySeller.values().stream().mapToLong(LazadaRateLimit::waits).sum();
    }
}
