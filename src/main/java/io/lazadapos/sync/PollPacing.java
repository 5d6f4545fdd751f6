package io.lazadapos.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long outage from becoming a loop of failing polls: after failed polls in a row, the
 * timer's next polls wait twice as long each time (at most {@code maxPause}); the first poll that
 * succeeds brings the normal interval back. A seller whose authorization is revoked is not polled
 * at all (the health check says why).
 */
public final class PollPacing {

    private static final Logger LOG = LoggerFactory.getLogger(PollPacing.class);

    private record Failures(int inARow, Instant nextPoll) {
    }

    private final Duration interval;
    private final Duration maxPause;
    private final Predicate<String> authorized;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public PollPacing(Duration interval, Duration maxPause, Predicate<String> authorized, Clock clock) {
        this.interval = interval;
        this.maxPause = maxPause.compareTo(interval) < 0 ? interval : maxPause;
        this.authorized = authorized;
        this.clock = clock;
    }

    /** Whether the timer's poll of this seller runs now. */
    public boolean due(String sellerId) {
        if (!authorized.test(sellerId)) {
            return false;
        }
        Failures f = failures.get(sellerId);
        return f == null || !clock.instant().isBefore(f.nextPoll());
    }

    public void failed(String sellerId) {
        Failures f = failures.merge(sellerId, new Failures(1, null), (old, one) -> new Failures(old.inARow() + 1, null));
        Duration pause = pauseAfter(f.inARow());
        failures.put(sellerId, new Failures(f.inARow(), clock.instant().plus(pause)));
        if (f.inARow() > 1) {
            LOG.warn("{} polls of seller {} failed in a row; the next poll waits {}", f.inARow(), sellerId, pause);
        }
    }

    public void succeeded(String sellerId) {
        Failures f = failures.remove(sellerId);
        if (f != null && f.inARow() > 1) {
            LOG.info("poll of seller {} works again after {} failed polls", sellerId, f.inARow());
        }
    }

    /** The pause after {@code inARow} failed polls: the interval, doubled for each further failure, capped. */
    public Duration pauseAfter(int inARow) {
        long factor = 1L << Math.min(20, Math.max(0, inARow - 1));
        Duration pause = interval.multipliedBy(factor);
        return pause.compareTo(maxPause) > 0 ? maxPause : pause;
    }

    public int failuresInARow(String sellerId) {
        Failures f = failures.get(sellerId);
        return f == null ? 0 : f.inARow();
    }
}
