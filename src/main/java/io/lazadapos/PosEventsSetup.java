package io.lazadapos;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.api.OrderViews;
import io.lazadapos.cluster.PollLeadership;
import io.lazadapos.observe.PosEventsCheck;
import io.lazadapos.observe.SyncMetrics;
import io.lazadapos.outbox.EventSignature;
import io.lazadapos.outbox.EventTarget;
import io.lazadapos.outbox.PosEventsApi;
import io.lazadapos.outbox.PosEventsOutbox;
import io.lazadapos.outbox.RetryDelays;

/**
 * The events outbox's resources (POS_EVENTS_*): the outbox bean the routes of
 * routes/pos-events.camel.yaml call, the endpoint they send to, the timer route made from the
 * template {@code pos-events} (behind the cluster's election), its health check and metrics.
 */
final class PosEventsSetup {

    private static final Logger LOG = LoggerFactory.getLogger(PosEventsSetup.class);
    /** The cluster namespace of the delivery: one instance sends at a time. */
    static final String NAMESPACE = "pos-events";
    /** Where pos-events-deliver sends when POS_EVENTS_URI is not set (it is never called then). */
    static final String OFF = "direct:pos-events-off";

    private PosEventsSetup() {
    }

    static boolean enabled(Settings settings) {
        return !settings.text("pos.events.uri", "").isBlank();
    }

    static PosEventsOutbox configure(CamelContext context, Settings settings, JdbcTemplate jdbc, OrderViews views, SyncMetrics metrics,
            Clock clock) {
        String uri = settings.text("pos.events.uri", "").trim();
        int batch = settings.integer("pos.events.batch", 100);
        if (batch < 1 || batch > 10_000) {
            throw new IllegalStateException("POS_EVENTS_BATCH must be between 1 and 10000, got " + batch);
        }
        RetryDelays delays = new RetryDelays(settings.duration("pos.events.retry-delay", Duration.ofSeconds(1)),
                settings.duration("pos.events.retry-max-delay", Duration.ofMinutes(5)), () -> ThreadLocalRandom.current().nextDouble());
        PosEventsOutbox outbox = new PosEventsOutbox(jdbc, views, uri.isEmpty() ? null : uri, batch,
                new EventSignature(settings.text("pos.events.secret", "")), settings.duration("pos.events.gap-wait", Duration.ofSeconds(30)),
                delays, clock);
        AppConfiguration.bind(context, "posEventsOutbox", outbox);
        AppConfiguration.bind(context, "posEventsApi", new PosEventsApi(outbox));
        // The target is bound as an endpoint (routes send to ref:posEventsTarget), not as a setting:
        // settings are listed in the start-up log, and the URI may carry credentials.
        String endpointUri = uri.isEmpty() ? OFF : EventTarget.endpointUri(uri);
        HealthCheckRegistry checks = HealthCheckRegistry.get(context);
        if (checks != null) {
            checks.register(new PosEventsCheck(outbox, settings.duration("pos.events.degraded-age", Duration.ofMinutes(5)),
                    settings.duration("pos.events.down-age", Duration.ofHours(1)), clock));
        }
        if (uri.isEmpty()) {
            AppConfiguration.bind(context, "posEventsTarget", context.getEndpoint(OFF));
            return outbox;
        }
        Endpoint endpoint;
        try {
            endpoint = context.getEndpoint(endpointUri);
        } catch (RuntimeException e) {
            throw new IllegalStateException("POS_EVENTS_URI is not an endpoint this runtime can send to: " + EventTarget.masked(uri)
                    + " (" + EventTarget.maskedIn(rootMessage(e), uri) + "). Give an http:// or https:// URL, or a Camel endpoint "
                    + "such as file:/var/lib/pos-events");
        }
        if (endpoint == null) {
            throw new IllegalStateException("POS_EVENTS_URI is not an endpoint this runtime can send to: " + EventTarget.masked(uri)
                    + " (no component for its scheme). Give an http:// or https:// URL, or a Camel endpoint such as file:/var/lib/pos-events");
        }
        AppConfiguration.bind(context, "posEventsTarget", endpoint);
        outbox.start();
        Duration writeDelay = outbox.ledgerWriteDelay();
        if (!writeDelay.isZero()) {
            // Events leave once a crash can no longer take them back (the ledger's log is on disk).
            outbox.durableAfter(writeDelay.plusMillis(100));
        }

        Timer lag = Timer.builder("lazadapos.pos.events.delivery")
                .description("Time from a ledger event's writing to its acknowledgement by the POS target")
                .publishPercentiles(0.5, 0.99).register(metrics.registry());
        outbox.onDelivered(lag::record);
        FunctionCounter.builder("lazadapos.pos.events.delivered", outbox, PosEventsOutbox::deliveredHere)
                .description("Ledger events acknowledged by the POS target through this instance").register(metrics.registry());
        FunctionCounter.builder("lazadapos.pos.events.failed.attempts", outbox, PosEventsOutbox::failedHere)
                .description("Requests to the POS target that were not acknowledged (each is tried again)").register(metrics.registry());
        metrics.gauge("lazadapos.pos.events.pending", "Ledger events not acknowledged by the POS target yet", () -> outbox.pending().count());
        metrics.gauge("lazadapos.pos.events.lag.seconds", "Age of the oldest ledger event not acknowledged yet (0 when none)",
                () -> outbox.pending().age(clock.instant()).toSeconds());
        LOG.info("ledger events go to {} ({} events a request at most, {})", EventTarget.masked(uri), batch,
                settings.text("pos.events.secret", "").isEmpty() ? "unsigned" : "signed");
        return outbox;
    }

    /** Adds the delivery's timer route once the route template is loaded. */
    static void startDelivery(CamelContext context, PollLeadership leadership) {
        try {
            TemplatedRouteBuilder.builder(context, "pos-events")
                    .routeId("pos-events-timer")
                    .parameter("triggerUri", leadership.singletonUri(NAMESPACE))
                    .add();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the events outbox's delivery", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
