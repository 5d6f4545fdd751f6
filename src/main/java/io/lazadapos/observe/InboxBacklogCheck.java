package io.lazadapos.observe;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Pushes are processed soon after they arrive: degraded above {@code degradedDepth} pending
 * pushes, DOWN above {@code downDepth} or when the oldest pending push waited longer than
 * {@code downAge} (the drain is stuck). No inbox at all is fine: pushes are optional.
 */
public final class InboxBacklogCheck extends SyncHealthCheck {

    private final InboxBacklog inbox;
    private final long degradedDepth;
    private final long downDepth;
    private final Duration downAge;
    private final Clock clock;

    public InboxBacklogCheck(InboxBacklog inbox, long degradedDepth, long downDepth, Duration downAge, Clock clock) {
        super("push-inbox");
        this.inbox = inbox;
        this.degradedDepth = degradedDepth;
        this.downDepth = downDepth;
        this.downAge = downAge;
        this.clock = clock;
    }

    @Override
    protected void check(HealthCheckResultBuilder builder) {
        Optional<InboxBacklog.Reading> reading;
        try {
            reading = inbox.read();
        } catch (RuntimeException e) {
            down(builder, "push inbox cannot be read: " + e.getClass().getSimpleName());
            return;
        }
        if (reading.isEmpty()) {
            builder.up().detail("inbox", "none").message("no push inbox: orders arrive by polling");
            return;
        }
        InboxBacklog.Reading r = reading.get();
        builder.detail("pending", r.pending());
        if (r.oldestPendingAt() != null) {
            builder.detail("oldestPendingAt", r.oldestPendingAt().toString());
        }
        if (r.lastReceivedAt() != null) {
            builder.detail("lastReceivedAt", r.lastReceivedAt().toString());
        }
        Duration waiting = r.oldestPendingAt() == null ? Duration.ZERO : Duration.between(r.oldestPendingAt(), clock.instant());
        if (r.pending() > downDepth) {
            down(builder, r.pending() + " pushes wait to be processed (more than " + downDepth + ")");
        } else if (r.pending() > 0 && waiting.compareTo(downAge) > 0) {
            down(builder, "the oldest pending push has waited " + waiting.toMinutes() + " min: the inbox drain is stuck");
        } else if (r.pending() > degradedDepth) {
            degraded(builder, r.pending() + " pushes wait to be processed (more than " + degradedDepth + ")");
        } else {
            builder.up().message(r.pending() + " pushes pending");
        }
    }
}
