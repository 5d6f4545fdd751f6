package io.lazadapos.lazada;

import java.time.Clock;

/**
 * The client's own limit on calls to Lazada: at most {@code callsPerSecond} permits in any window
 * of one second (a sliding window: the call N permits back must be a full second old). Every
 * attempt takes a permit, retries and token refreshes included. The permit's time is the time
 * the call is signed with, so the limit holds for the timestamps Lazada sees.
 */
public final class LazadaRateLimit {

    private static final long WINDOW_MILLIS = 1000;

    /** Waits the given milliseconds (tests pass one that moves their clock). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final long[] granted;
    private int next;
    private long waits;
    private long heldOffUntil;

    /** @param callsPerSecond 0 or less: no limit */
    public LazadaRateLimit(int callsPerSecond, Clock clock) {
        this(callsPerSecond, clock, Thread::sleep);
    }

    public LazadaRateLimit(int callsPerSecond, Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.granted = new long[Math.max(0, callsPerSecond)];
        java.util.Arrays.fill(granted, Long.MIN_VALUE / 2);
    }

    public int callsPerSecond() {
        return granted.length;
    }

    /** Waits until a call may go out; answers the permit's time (epoch milliseconds). */
    public synchronized long acquire() {
        long now = clock.millis();
        // Callers queue on this monitor: one permit at a time, in arrival order.
        while (true) {
            long wait = heldOffUntil - now;
            if (granted.length > 0) {
                wait = Math.max(wait, granted[next] + WINDOW_MILLIS - now);
            }
            if (wait <= 0) {
                break;
            }
            waits++;
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a Lazada call permit", e);
            }
            now = clock.millis();
        }
        if (granted.length > 0) {
            granted[next] = now;
            next = (next + 1) % granted.length;
        }
        return now;
    }

    /**
     * Lazada banned the app for a while (ApiCallLimit: "this ban will last 1 seconds"): no call of
     * any caller goes out before it ends, not only the retry of the call that was refused.
     */
    public synchronized void holdOff(long millis) {
        heldOffUntil = Math.max(heldOffUntil, clock.millis() + millis);
    }

    /** How often a caller had to wait (for the metrics and tests). */
    public synchronized long waits() {
        return waits;
    }
}
