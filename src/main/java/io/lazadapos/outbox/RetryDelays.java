package io.lazadapos.outbox;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long the outbox waits before it tries a refused batch again: the first delay, doubled with
 * each failure in a row, up to a ceiling, each wait drawn between half and all of that (jitter, so
 * that instances and receivers coming back do not meet in step). It never gives up.
 */
public final class RetryDelays {

    private final Duration first;
    private final Duration ceiling;
    private final DoubleSupplier random;

    public RetryDelays(Duration first, Duration ceiling, DoubleSupplier random) {
        if (first.isNegative() || first.isZero() || ceiling.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry delays need 0 < first <= ceiling, got " + first + " and " + ceiling);
        }
        this.first = first;
        this.ceiling = ceiling;
        this.random = random;
    }

    /** The wait after {@code failures} failures in a row (1 for the first). */
    public Duration after(long failures) {
        long firstMs = first.toMillis();
        long ceilingMs = ceiling.toMillis();
        long full = firstMs;
        for (long i = 1; i < failures && full < ceilingMs; i++) {
            full = Math.min(ceilingMs, full * 2);
        }
        full = Math.min(ceilingMs, full);
        long half = full / 2;
        return Duration.ofMillis(half + Math.round((full - half) * random.getAsDouble()));
    }
}
