package io.lazadapos.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.cluster.PollLeadership;
import io.lazadapos.observe.InboxBacklog;
import io.lazadapos.observe.LazadaProbe;
import io.lazadapos.observe.PollFreshnessCheck;
import io.lazadapos.observe.RouteReloads;
import io.lazadapos.observe.SyncMetrics;
import io.lazadapos.sellers.SellerDirectory;
import io.lazadapos.sync.OrderPoll;
import io.lazadapos.sync.SyncHealth;

/**
 * The sync-health panel in one answer: the poll (last success, watermark, last failure), pushes
 * (last received, pending inbox), Lazada (reachable, token, expiry when known, errors by class),
 * dead letters and reviews, route-file reloads, and the health checks of /observe/health.
 */
public final class SyncHealthReport {

    private final CamelContext context;
    private final JdbcTemplate jdbc;
    private final SellerDirectory sellers;
    private final PollLeadership leadership;
    private final Duration pollInterval;
    private final boolean pollEnabled;
    private final SyncHealth health;
    private final OrderPoll poll;
    private final PollFreshnessCheck freshness;
    private final InboxBacklog inbox;
    private final Function<String, LazadaProbe> lazada;
    private final SyncMetrics metrics;
    private final RouteReloads reloads;
    private final Clock clock;

    SyncHealthReport(CamelContext context, JdbcTemplate jdbc, SellerDirectory sellers, PollLeadership leadership, Duration pollInterval,
            boolean pollEnabled, SyncHealth health, OrderPoll poll, PollFreshnessCheck freshness, InboxBacklog inbox,
            Function<String, LazadaProbe> lazada, SyncMetrics metrics, RouteReloads reloads, Clock clock) {
        this.context = context;
        this.jdbc = jdbc;
        this.sellers = sellers;
        this.leadership = leadership;
        this.pollInterval = pollInterval;
        this.pollEnabled = pollEnabled;
        this.health = health;
        this.poll = poll;
        this.freshness = freshness;
        this.inbox = inbox;
        this.lazada = lazada;
        this.metrics = metrics;
        this.reloads = reloads;
        this.clock = clock;
    }

    public Map<String, Object> report() {
        return report(null);
    }

    /**
     * The panel of one seller ({@code seller}, or the default seller when none is named), with every
     * seller's poll in {@code sellers} and the instances in {@code cluster}. Counts of dead letters
     * and reviews are the named seller's, or everyone's.
     */
    public Map<String, Object> report(String seller) {
        boolean bySeller = seller != null && !seller.isBlank();
        String sellerId = bySeller ? seller.trim() : sellers.defaultSeller();
        List<String> active = sellers.activeIds();
        if (!bySeller && !active.isEmpty() && !active.contains(sellerId)) {
            sellerId = active.get(0);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sellerId", sellerId);
        m.put("now", clock.instant().toString());
        m.put("poll", pollOf(sellerId));
        List<Map<String, Object>> all = new ArrayList<>();
        for (String s : active) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("sellerId", s);
            one.put("country", sellers.countryOf(s).name());
            one.putAll(pollOf(s));
            all.add(one);
        }
        m.put("sellers", all);
        m.put("cluster", leadership.view(active));

        Map<String, Object> push = new LinkedHashMap<>();
        Optional<InboxBacklog.Reading> reading = inbox.read();
        push.put("inbox", reading.isPresent());
        push.put("pending", reading.map(InboxBacklog.Reading::pending).orElse(null));
        push.put("oldestPendingAt", reading.map(r -> text(r.oldestPendingAt())).orElse(null));
        push.put("lastReceivedAt", reading.map(r -> text(r.lastReceivedAt())).orElse(null));
        m.put("push", push);

        // The events outbox (POS_EVENTS_URI): how far the seller's own POS has acknowledged the ledger.
        io.lazadapos.outbox.PosEventsOutbox outbox = context.getRegistry()
                .lookupByNameAndType("posEventsOutbox", io.lazadapos.outbox.PosEventsOutbox.class);
        if (outbox != null) {
            Map<String, Object> events = new LinkedHashMap<>(outbox.status());
            events.put("sentHere", outbox.enabled() && leadership.leadsJob("pos-events"));
            m.put("posEvents", events);
        }

        Map<String, Object> l = new LinkedHashMap<>(lazada.apply(sellerId).current().view());
        l.put("tokenExpiresAt", text(health.tokenExpiresAt(sellerId)));
        l.put("errorsByClass", metrics.lazadaFailures());
        m.put("lazada", l);

        String only = bySeller ? " AND seller_id = ?" : "";
        Object[] sellerArg = bySeller ? new Object[] {sellerId} : new Object[0];
        m.put("deadLetters", Map.of("open", count("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL" + only, sellerArg)));
        Map<String, Object> reviews = new LinkedHashMap<>();
        reviews.put("open", count("SELECT COUNT(*) FROM review WHERE resolved_at IS NULL" + only, sellerArg));
        List<Object> overdueArgs = new ArrayList<>(List.of(java.time.OffsetDateTime.now(clock)));
        overdueArgs.addAll(List.of(sellerArg));
        reviews.put("overdue", count("SELECT COUNT(*) FROM review WHERE resolved_at IS NULL AND due_at < ?" + only, overdueArgs.toArray()));
        m.put("reviews", reviews);
        m.put("routeReload", reloads.status());
        m.put("checks", checks());
        return m;
    }

    private Map<String, Object> pollOf(String sellerId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("enabled", pollEnabled);
        p.put("interval", pollInterval.toString());
        p.put("lastSuccessAt", text(freshness.lastSuccess(sellerId)));
        p.put("watermark", text(poll.watermark(sellerId)));
        SyncHealth.Failure failure = health.lastPollFailure(sellerId);
        p.put("lastFailure", failure == null ? null : Map.of("at", failure.at().toString(), "errorClass", failure.errorClass(),
                "message", io.lazadapos.api.ApiJson.withoutSecrets(failure.message())));
        p.put("polledHere", pollEnabled && sellers.isActive(sellerId) && leadership.leads(sellerId));
        return p;
    }

    private List<Map<String, Object>> checks() {
        List<Map<String, Object>> out = new ArrayList<>();
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null) {
            return out;
        }
        List<String> order = List.of("ledger-database", "lazada-api", "poll-freshness", "push-inbox", "route-files", "seller-authorization");
        registry.stream().filter(c -> "lazada-pos".equals(c.getGroup()))
                .sorted(java.util.Comparator.comparingInt(c -> order.indexOf(c.getId()) < 0 ? order.size() : order.indexOf(c.getId())))
                .forEach(c -> {
            HealthCheck.Result r = c.call();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", c.getId());
            v.put("state", r.getState().name());
            v.put("degraded", Boolean.TRUE.equals(r.getDetails().get("degraded")));
            v.put("message", r.getMessage().orElse(null));
            out.add(v);
        });
        return out;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
