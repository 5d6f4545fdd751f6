package io.lazadapos.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;

import io.lazadapos.ledger.SyncState;
import io.lazadapos.sync.SyncHealth;

/**
 * Every active seller's poll succeeded recently enough for its interval: degraded after two
 * missed intervals, DOWN after five (each with a minute of grace; more at start-up). The last
 * successful poll is kept in the ledger, so a restart does not hide a poll that has been failing
 * for hours, and every instance sees the polls of the instance that leads the seller. The message
 * names the sellers that are late.
 */
public final class PollFreshnessCheck extends SyncHealthCheck {

    private enum Level { UP, DEGRADED, DOWN }

    private record Verdict(Level level, String message) {
    }

    private final SyncHealth health;
    private final SyncState state;
    private final Supplier<List<String>> sellers;
    private final boolean enabled;
    private final Duration interval;
    private final Duration firstPollDelay;
    private final Instant startedAt;
    private final Clock clock;
    private volatile java.util.function.Function<String, Instant> connectedAt = seller -> null;

    public PollFreshnessCheck(SyncHealth health, SyncState state, String sellerId, boolean enabled, Duration interval,
            Duration firstPollDelay, Clock clock) {
        this(health, state, () -> List.of(sellerId), enabled, interval, firstPollDelay, clock);
    }

    /** @param sellers the sellers whose polls are watched (the active ones) */
    public PollFreshnessCheck(SyncHealth health, SyncState state, Supplier<List<String>> sellers, boolean enabled, Duration interval,
            Duration firstPollDelay, Clock clock) {
        super("poll-freshness");
        this.health = health;
        this.state = state;
        this.sellers = sellers;
        this.enabled = enabled;
        this.interval = interval;
        this.firstPollDelay = firstPollDelay;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** When a seller was connected: a seller connected after the start gets its first poll's grace from then. */
    public void setConnectedAt(java.util.function.Function<String, Instant> connectedAt) {
        this.connectedAt = connectedAt;
    }

    /** The latest last success of the watched sellers (the metrics' gauge). */
    public Instant lastSuccess() {
        Instant latest = null;
        for (String s : sellers.get()) {
            Instant t = lastSuccess(s);
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest;
    }

    /** The later of the last success this process saw and the one kept in the ledger (by any instance). */
    public Instant lastSuccess(String sellerId) {
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
        List<String> watched = sellers.get();
        if (watched.isEmpty()) {
            builder.up().message("no seller is connected");
            return;
        }
        if (watched.size() == 1) {
            Verdict v = verdict(watched.get(0), builder, "");
            report(builder, v.level(), v.message());
            return;
        }
        Level worst = Level.UP;
        List<String> problems = new ArrayList<>();
        for (String s : watched) {
            Verdict v = verdict(s, builder, "seller." + s + ".");
            if (v.level() != Level.UP) {
                problems.add("seller " + s + ": " + v.message());
                worst = v.level().compareTo(worst) > 0 ? v.level() : worst;
            }
        }
        report(builder, worst, problems.isEmpty() ? "the polls of " + watched.size() + " sellers are fresh" : String.join("; ", problems));
    }

    private static void report(HealthCheckResultBuilder builder, Level level, String message) {
        switch (level) {
            case DOWN -> down(builder, message);
            case DEGRADED -> degraded(builder, message);
            default -> builder.up().message(message);
        }
    }

    private Verdict verdict(String sellerId, HealthCheckResultBuilder builder, String detailPrefix) {
        Instant now = clock.instant();
        Instant last = lastSuccess(sellerId);
        SyncHealth.Failure failure = health.lastPollFailure(sellerId);
        String why = failure == null ? "" : "; last failure " + failure.at() + ": " + failure.errorClass();
        if (failure != null) {
            builder.detail(detailPrefix + "lastFailureAt", failure.at().toString()).detail(detailPrefix + "lastFailure", failure.errorClass());
        }
        if (last != null) {
            builder.detail(detailPrefix + "lastSuccessAt", last.toString());
        }
        Instant connected = connectedAt.apply(sellerId);
        Instant watchedFrom = connected != null && connected.isAfter(startedAt) ? connected : startedAt;
        Duration sinceStart = Duration.between(watchedFrom, now);
        Duration age = last == null ? sinceStart : Duration.between(last, now);
        Duration late = interval.multipliedBy(2).plus(Duration.ofMinutes(1));
        Duration stale = interval.multipliedBy(5).plus(Duration.ofMinutes(5));
        // This process has not polled yet: give its first poll the delay and an interval.
        Duration firstDue = firstPollDelay.plus(interval).plus(Duration.ofMinutes(1));
        if (health.lastPollSuccess(sellerId) == null && failure == null && sinceStart.compareTo(firstDue) <= 0) {
            return new Verdict(Level.UP, "first poll pending");
        }
        if (age.compareTo(stale) > 0) {
            return new Verdict(Level.DOWN, (last == null ? "no successful poll since start " + age.toMinutes() + " min ago"
                    : "last successful poll " + age.toMinutes() + " min ago") + " (interval " + interval + ")" + why);
        } else if (age.compareTo(late) > 0) {
            return new Verdict(Level.DEGRADED, "poll is late: last success " + age.toSeconds() + " s ago (interval " + interval + ")" + why);
        }
        return new Verdict(Level.UP, "last successful poll " + age.toSeconds() + " s ago");
    }
}
