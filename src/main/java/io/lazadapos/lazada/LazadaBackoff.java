package io.lazadapos.lazada;

import java.util.function.DoubleSupplier;

/**
 * Delays between attempts of a failed Lazada call: exponential from a floor, capped, with up to
 * {@code jitter} extra at random so that callers who failed together do not retry together. The
 * jitter only adds: a delay is never below its floor (Lazada's ban after ApiCallLimit lasts 1 s).
 */
public record LazadaBackoff(long floorMillis, long capMillis, double multiplier, double jitter) {

    public LazadaBackoff {
        if (floorMillis < 0 || capMillis < floorMillis) {
            throw new IllegalArgumentException("backoff needs 0 <= floor <= cap, got " + floorMillis + " and " + capMillis);
        }
        if (multiplier < 1 || jitter < 0) {
            throw new IllegalArgumentException("backoff needs multiplier >= 1 and jitter >= 0");
        }
    }

    /** The delay before redelivery number {@code attempt} (1 for the first retry). */
    public long delayMillis(int attempt, DoubleSupplier random) {
        double base = floorMillis * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(capMillis, base);
        return (long) Math.min(capMillis * (1 + jitter), capped * (1 + jitter * random.getAsDouble()));
    }
}
