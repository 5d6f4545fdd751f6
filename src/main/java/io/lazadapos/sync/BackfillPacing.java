package io.lazadapos.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * While Lazada pushes arrive, the poll gives way to them: after each page it pauses for a share of
 * the time the page took, so that a long backfill on a small machine does not starve the push
 * endpoint and the inbox drain of CPU and database (pushes are the live orders; the backfill
 * catches up on old ones and can wait). With no push lately the poll runs flat out.
 */
public final class BackfillPacing {

    /** pauseShare: pause per unit of page time (1.0: the poll works at most half the time); 0 switches pacing off. */
    public record Settings(double pauseShare, Duration pushesRecent, Duration longestPause) {
    }

    private final Supplier<Instant> lastPushAt;
    private final Settings settings;
    private final Clock clock;

    public BackfillPacing(Supplier<Instant> lastPushAt, Settings settings, Clock clock) {
        this.lastPushAt = lastPushAt;
        this.settings = settings;
        this.clock = clock;
    }

    /** The instant a page starts, in nanoseconds (the route keeps it for {@link #giveWay(long)}). */
    public long pageStarts() {
        return System.nanoTime();
    }

    /** How long to pause after a page that started at pageStartedNanos and ended at nowNanos. */
    public Duration pauseAfter(long pageStartedNanos, long nowNanos) {
        Instant last = lastPushAt.get();
        if (settings.pauseShare() <= 0 || last == null || last.isBefore(clock.instant().minus(settings.pushesRecent()))) {
            return Duration.ZERO;
        }
        long pause = (long) ((nowNanos - pageStartedNanos) * settings.pauseShare());
        return Duration.ofNanos(Math.max(0, Math.min(pause, settings.longestPause().toNanos())));
    }

    /** Pauses after a page if pushes arrived lately. */
    public void giveWay(long pageStartedNanos) throws InterruptedException {
        Duration pause = pauseAfter(pageStartedNanos, System.nanoTime());
        if (!pause.isZero()) {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
        }
    }
}
