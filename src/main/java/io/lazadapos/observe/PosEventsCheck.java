package io.lazadapos.observe;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.health.HealthCheckResultBuilder;

import io.lazadapos.outbox.PosEventsOutbox;

/**
 * The events outbox keeps up: degraded when the oldest event not acknowledged yet is older than
 * {@code degradedAge} (POS_EVENTS_DEGRADED_AGE), DOWN past {@code downAge} (POS_EVENTS_DOWN_AGE).
 * Without POS_EVENTS_URI nothing is sent, and that is fine.
 */
public final class PosEventsCheck extends SyncHealthCheck {

    private final PosEventsOutbox outbox;
    private final Duration degradedAge;
    private final Duration downAge;
    private final Clock clock;

    public PosEventsCheck(PosEventsOutbox outbox, Duration degradedAge, Duration downAge, Clock clock) {
        super("pos-events");
        this.outbox = outbox;
        this.degradedAge = degradedAge;
        this.downAge = downAge;
        this.clock = clock;
    }

    @Override
    protected void check(HealthCheckResultBuilder builder) {
        if (!outbox.enabled()) {
            builder.up().detail("target", "none").message("POS_EVENTS_URI is not set: ledger events are not sent anywhere");
            return;
        }
        PosEventsOutbox.Pending p;
        try {
            p = outbox.pending();
        } catch (RuntimeException e) {
            down(builder, "the events outbox cannot be read: " + e.getClass().getSimpleName());
            return;
        }
        Duration age = p.count() == 0 ? Duration.ZERO : p.age(clock.instant());
        builder.detail("pending", p.count());
        builder.detail("oldestPendingAgeSeconds", age.toSeconds());
        if (age.compareTo(downAge) > 0) {
            down(builder, "the oldest event not acknowledged by the POS target was written " + age.toMinutes() + " min ago");
        } else if (age.compareTo(degradedAge) > 0) {
            degraded(builder, "the oldest event not acknowledged by the POS target was written " + age.toSeconds() + " s ago");
        } else {
            builder.up().message(p.count() + " events pending");
        }
    }
}
