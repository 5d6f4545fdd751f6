package io.lazadapos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import io.lazadapos.api.ApiGuard;
import io.lazadapos.api.OrderViews;
import io.lazadapos.flow.OrderPlanner;
import io.lazadapos.flow.OrderStageResolver;
import io.lazadapos.flow.StatusMapping;
import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.lazada.LazadaEndpoint;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.lazada.LazadaRequest;
import io.lazadapos.lazada.LazadaSigner;
import io.lazadapos.ledger.DeadLetters;
import io.lazadapos.ledger.LedgerIndex;
import io.lazadapos.ledger.SyncState;
import io.lazadapos.sync.OrderFetch;
import io.lazadapos.sync.OrderPoll;
import io.lazadapos.sync.SellerTokens;
import io.lazadapos.sync.SeparateTransaction;
import io.lazadapos.sync.SyncHealth;
import io.lazadapos.api.ApiJson;
import io.lazadapos.console.OperatorConsole;
import io.lazadapos.lazada.LazadaReplies;
import io.lazadapos.observe.InboxBacklog;
import io.lazadapos.observe.InboxBacklogCheck;
import io.lazadapos.observe.LazadaAccessCheck;
import io.lazadapos.observe.LazadaCallMeter;
import io.lazadapos.observe.LazadaProbe;
import io.lazadapos.observe.LedgerDatabaseCheck;
import io.lazadapos.observe.OrderLogContext;
import io.lazadapos.observe.PollFreshnessCheck;
import io.lazadapos.observe.PushInboxTable;
import io.lazadapos.observe.RouteFilesCheck;
import io.lazadapos.observe.RouteReloads;
import io.lazadapos.observe.SyncMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Builds every resource the routes use, once: the ledger DataSource and its migrations, the
 * transaction policy, the Lazada endpoint (or the built-in sandbox), and the beans of the flow.
 */
public class AppConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AppConfiguration.class);

    @BindToRegistry("clock")
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Clock boundClock = context.getRegistry().lookupByNameAndType("clock", Clock.class);
        Clock clock = boundClock != null ? boundClock : Clock.systemUTC();

        // --- Lazada target: a real API, or the built-in sandbox ---------------------------
        LazadaTarget target = LazadaTarget.resolve(settings, context);
        LazadaCountry country = target.country();
        LOG.info("Lazada API: {} (country {}, seller {})", target.sandbox() ? "built-in sandbox at " + target.apiUrl() : target.apiUrl(),
                country, target.sellerId());

        // --- POS ledger database ----------------------------------------------------------
        DataSource dataSource = ledgerDataSource(settings);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        bind(context, "ledgerDataSource", dataSource);
        context.getComponent("sql", SqlComponent.class).setDataSource(dataSource);
        SpringTransactionPolicy orderTransaction = new SpringTransactionPolicy(new DataSourceTransactionManager(dataSource));
        orderTransaction.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        bind(context, "orderTransaction", orderTransaction);

        // --- HTTP client settings of Lazada calls -----------------------------------------
        HttpComponent http = context.getComponent("http", HttpComponent.class);
        http.setConnectTimeout(settings.integer("lazada.connect-timeout-ms", 5000));
        http.setConnectionRequestTimeout(settings.integer("lazada.connect-timeout-ms", 5000));
        http.setResponseTimeout(settings.integer("lazada.response-timeout-ms", 30000));
        http.setSoTimeout(settings.integer("lazada.response-timeout-ms", 30000));
        http.setMaxTotalConnections(40);
        http.setConnectionsPerRoute(20);
        http.setFollowRedirects(false);

        // --- Metrics (served at /observe/metrics) ---------------------------------------------
        // The sync's meters go into the registry camel-micrometer-prometheus serves (bean
        // "metricsRegistry"); with metrics off, into one of their own that nobody scrapes.
        MeterRegistry metricsRegistry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (metricsRegistry == null) {
            metricsRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            LOG.info("metrics are not served (camel.metrics.enabled=false)");
        }
        SyncMetrics syncMetrics = new SyncMetrics(metricsRegistry);
        bind(context, "syncMetrics", syncMetrics);

        // --- Lazada client ------------------------------------------------------------------
        SellerTokens tokens = new SellerTokens();
        tokens.put(target.sellerId(), target.accessToken(), target.refreshToken());
        bind(context, "sellerTokens", tokens);
        LazadaEndpoint endpoint = new LazadaEndpoint(target.apiUrl(), target.appKey(), new LazadaSigner(target.appSecret()),
                tokens::accessToken, clock);
        bind(context, "lazadaEndpoint", endpoint);
        bind(context, "lazadaReplies", new LazadaReplies(syncMetrics::lazadaCall));
        ProducerTemplate producer = context.createProducerTemplate();
        LazadaOrders.Gateway gateway = request -> call(producer, request);
        LazadaOrders lazadaOrders = new LazadaOrders(gateway, country.offset(), settings.integer("lazada.items-batch-size", 50));
        bind(context, "lazadaOrders", lazadaOrders);

        // --- Flow -----------------------------------------------------------------------------
        StatusMapping mapping = StatusMapping.withExtra(settings.text("pos.status-mapping.extra", ""));
        OrderPlanner planner = new OrderPlanner(new OrderStageResolver(mapping), country.offset(), country.currency(), clock);
        bind(context, "statusMapping", mapping);
        bind(context, "orderPlanner", planner);

        SyncState syncState = new SyncState(jdbc, clock);
        DeadLetters deadLetters = new DeadLetters(jdbc, clock);
        bind(context, "syncState", syncState);
        bind(context, "deadLetters", deadLetters);

        Instant syncFrom = settings.optional("lazada.sync-from").map(v -> OffsetDateTime.parse(v).toInstant())
                .orElse(clock.instant().minus(Duration.ofDays(7)));
        OrderPoll.Settings pollSettings = new OrderPoll.Settings(
                Math.max(1, Math.min(100, settings.integer("lazada.page-size", 100))),
                settings.integer("lazada.offset-cap", 5000),
                settings.duration("lazada.poll-overlap", Duration.ofMinutes(2)),
                syncFrom);
        SyncHealth syncHealth = new SyncHealth(clock);
        bind(context, "syncHealth", syncHealth);
        OrderPoll orderPoll = new OrderPoll(lazadaOrders, new LedgerIndex(jdbc), syncState, deadLetters, pollSettings, syncHealth, clock);
        bind(context, "orderPoll", orderPoll);
        bind(context, "sellerId", target.sellerId());
        bind(context, "orderFetch", new OrderFetch(lazadaOrders));
        bind(context, "applyOrderInOwnTransaction", new SeparateTransaction(context.createProducerTemplate(), "direct:apply-order"));

        // --- Read API ---------------------------------------------------------------------------
        bind(context, "orderViews", new OrderViews(jdbc, target.sellerId()));
        bind(context, "apiGuard", new ApiGuard(settings.text("pos.api-token", "")));
        bind(context, "apiJson", new ApiJson());

        // --- Operator's console and observability ------------------------------------------
        // Log context of order routes; health checks (/observe/health, group lazada-pos);
        // gauges and Lazada transport failures for the metrics; the console's API beans.
        bind(context, "orderLogContext", new OrderLogContext());
        context.getManagementStrategy().addEventNotifier(new LazadaCallMeter(syncMetrics));
        ProducerTemplate onceProducer = context.createProducerTemplate();
        LazadaOrders lazadaOnce = new LazadaOrders(request -> callOnce(onceProducer, request), country.offset(), 1);
        LazadaProbe lazadaProbe = new LazadaProbe(lazadaOnce, target.sellerId(),
                settings.duration("health.lazada-check-interval", Duration.ofMinutes(5)), clock);
        InboxBacklog inbox = context.getRegistry().lookupByNameAndType("inboxBacklog", InboxBacklog.class);
        if (inbox == null) {
            inbox = new PushInboxTable(jdbc);
        }
        boolean pollEnabled = settings.flag("lazada.poll-enabled", true);
        Duration pollInterval = settings.duration("lazada.poll-interval", Duration.ofMinutes(1));
        PollFreshnessCheck freshness = new PollFreshnessCheck(syncHealth, syncState, target.sellerId(), pollEnabled, pollInterval,
                settings.duration("lazada.poll-delay", Duration.ofSeconds(1)), clock);
        RouteReloads routeReloads = new RouteReloads(context);
        HealthCheckRegistry checks = HealthCheckRegistry.get(context);
        if (checks != null) {
            checks.register(new LedgerDatabaseCheck(dataSource));
            checks.register(new LazadaAccessCheck(lazadaProbe));
            checks.register(freshness);
            checks.register(new InboxBacklogCheck(inbox, settings.integer("health.inbox-degraded-depth", 100),
                    settings.integer("health.inbox-down-depth", 1000), settings.duration("health.inbox-down-age", Duration.ofMinutes(15)), clock));
            checks.register(new RouteFilesCheck(routeReloads));
        }
        InboxBacklog inboxForGauge = inbox;
        syncMetrics.gauge("lazadapos.inbox.depth", "Pushes received and not processed yet (NaN without a push inbox)",
                () -> inboxForGauge.read().map(InboxBacklog.Reading::pending).orElse(null));
        syncMetrics.gauge("lazadapos.dead.letters.open", "Dead letters not replayed yet",
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL", Long.class));
        syncMetrics.gauge("lazadapos.reviews.open", "Orders waiting for a person (open reviews)",
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM review WHERE resolved_at IS NULL", Long.class));
        syncMetrics.gauge("lazadapos.poll.last.success.age.seconds", "Seconds since the last successful poll (NaN before the first)",
                () -> {
                    Instant last = freshness.lastSuccess();
                    return last == null ? null : Duration.between(last, clock.instant()).toSeconds();
                });
        OperatorConsole.bind(new OperatorConsole.Parts(context, dataSource, clock, target.sellerId(), country.offset(),
                context.getRegistry().lookupByNameAndType("orderViews", OrderViews.class), orderPoll, syncHealth, pollEnabled,
                pollInterval, freshness, inbox, lazadaProbe, syncMetrics, routeReloads,
                settings.duration("console.max-resync-window", Duration.ofDays(31))));
    }

    /** One Lazada call without the retries of the lazada-call route (the health probe must answer quickly). */
    private static JsonNode callOnce(ProducerTemplate producer, LazadaRequest request) {
        Exchange done = producer.send("direct:lazada-call-once", e -> {
            e.setProperty("lazadaRequest", request);
            e.getMessage().setBody(request);
        });
        Exception failure = done.getException();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // The typed Lazada error, not the bean-call wrappers around it.
            if (t instanceof LazadaApiException typed) {
                throw typed;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw new org.apache.camel.RuntimeCamelException(failure);
        }
        return done.getMessage().getBody(JsonNode.class);
    }

    private static JsonNode call(ProducerTemplate producer, LazadaRequest request) {
        try {
            return producer.requestBody("direct:lazada-call", request, JsonNode.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static DataSource ledgerDataSource(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pos-ledger");
        config.setJdbcUrl(settings.text("pos.db.url", "jdbc:hsqldb:file:data/ledger;hsqldb.tx=mvcc"));
        config.setUsername(settings.text("pos.db.user", "SA"));
        config.setPassword(settings.text("pos.db.password", ""));
        config.setMaximumPoolSize(settings.integer("pos.db.pool-size", 8));
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static void bind(CamelContext context, String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }
}
