package io.lazadapos.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.health.HealthCheckResultBuilder;

import io.lazadapos.ledger.SyncState;
import io.lazadapos.sync.SyncHealth;

/**
 * The poll succeeded recently enough for its interval: degraded after two missed intervals,
 * DOWN after five (each with a minute of grace; more at start-up). The last successful poll is
 * also kept in the ledger, so a restart does not hide a poll that has been failing for hours.
 */
public final class PollFreshnessCheck extends SyncHealthCheck {

    private final SyncHealth health;
    private final SyncState state;
    private final String sellerId;
    private final boolean enabled;
    private final Duration interval;
    private final Duration firstPollDelay;
    private final Instant startedAt;
    private final Clock clock;

    public PollFreshnessCheck(SyncHealth health, SyncState state, String sellerId, boolean enabled, Duration interval,
            Duration firstPollDelay, Clock clock) {
        super("poll-freshness");
        this.health = health;
        this.state = state;
        this.sellerId = sellerId;
        this.enabled = enabled;
        this.interval = interval;
        this.firstPollDelay = firstPollDelay;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** The later of the last success this process saw and the one kept in the ledger. */
    public Instant lastSuccess() {
        Instant seen = health.lastPollSuccess(sellerId);
        Instant kept = null;
        try {
            kept = state.get(sellerId, SyncState.LAST_POLL_OK).map(Instant::parse).orElse(null);
        } catch (RuntimeException e) {
            // The database check reports a database that is away.
        }
        if (seen == null) {
            return kept;
        }
        return kept == null || seen.isAfter(kept) ? seen : kept;
    }

    @Override
    protected void check(HealthCheckResultBuilder builder) {
        builder.detail("pollInterval", interval.toString()).detail("pollEnabled", enabled);
        if (!enabled) {
            builder.up().message("polling is switched off (LAZADA_POLL_ENABLED=false): pushes only");
            return;
        }
        Instant now = clock.instant();
        Instant last = lastSuccess();
        SyncHealth.Failure failure = health.lastPollFailure(sellerId);
        String why = failure == null ? "" : "; last failure " + failure.at() + ": " + failure.errorClass();
        if (failure != null) {
            builder.detail("lastFailureAt", failure.at().toString()).detail("lastFailure", failure.errorClass());
        }
        if (last != null) {
            builder.detail("lastSuccessAt", last.toString());
        }
        Duration sinceStart = Duration.between(startedAt, now);
        Duration age = last == null ? sinceStart : Duration.between(last, now);
        Duration late = interval.multipliedBy(2).plus(Duration.ofMinutes(1));
        Duration stale = interval.multipliedBy(5).plus(Duration.ofMinutes(5));
        // This process has not polled yet: give its first poll the delay and an interval.
        Duration firstDue = firstPollDelay.plus(interval).plus(Duration.ofMinutes(1));
        if (health.lastPollSuccess(sellerId) == null && failure == null && sinceStart.compareTo(firstDue) <= 0) {
            builder.up().message("first poll pending");
            return;
        }
        if (age.compareTo(stale) > 0) {
            down(builder, (last == null ? "no successful poll since start " + age.toMinutes() + " min ago"
                    : "last successful poll " + age.toMinutes() + " min ago") + " (interval " + interval + ")" + why);
        } else if (age.compareTo(late) > 0) {
            degraded(builder, "poll is late: last success " + age.toSeconds() + " s ago (interval " + interval + ")" + why);
        } else {
            builder.up().message("last successful poll " + age.toSeconds() + " s ago");
        }
    }
}
