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
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import io.lazadapos.api.ApiGuard;
import io.lazadapos.api.SellerViews;
import io.lazadapos.cluster.ClusterSetup;
import io.lazadapos.cluster.PollLeadership;
import io.lazadapos.cluster.SellerPollers;
import io.lazadapos.lazada.SellerRateLimits;
import io.lazadapos.ledger.SellerStore;
import io.lazadapos.sellers.SellerDirectory;
import io.lazadapos.api.OrderViews;
import io.lazadapos.api.PayoutViews;
import io.lazadapos.flow.OrderPlanner;
import io.lazadapos.flow.OrderStageResolver;
import io.lazadapos.flow.StatusMapping;
import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.lazada.LazadaEndpoint;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.lazada.LazadaPushReader;
import io.lazadapos.lazada.LazadaRequest;
import io.lazadapos.lazada.LazadaSigner;
import io.lazadapos.flow.ChangedOrders;
import io.lazadapos.ledger.DeadLetters;
import io.lazadapos.ledger.LedgerDatabase;
import io.lazadapos.ledger.LedgerFailures;
import io.lazadapos.ledger.LedgerTransaction;
import io.lazadapos.ledger.OrderLocks;
import io.lazadapos.ledger.LedgerIndex;
import io.lazadapos.ledger.NamedSqlParameters;
import io.lazadapos.ledger.SyncState;
import io.lazadapos.push.KnownSellers;
import io.lazadapos.push.PushedOrders;
import io.lazadapos.push.PushGate;
import io.lazadapos.push.PushHealth;
import io.lazadapos.push.PushInbox;
import io.lazadapos.push.PushInboxLocation;
import io.lazadapos.push.PushReplies;
import io.lazadapos.push.PushStatus;
import io.lazadapos.push.TokenExpiryAlerts;
import io.lazadapos.sync.OrderFetch;
import io.lazadapos.sync.BackfillPacing;
import io.lazadapos.sync.OrderPoll;
import io.lazadapos.sync.ReturnPoll;
import io.lazadapos.sync.FinancePoll;
import io.lazadapos.lazada.LazadaFinance;
import io.lazadapos.lazada.LazadaReturns;
import io.lazadapos.sync.AuthorizedGateway;
import io.lazadapos.sync.PollPacing;
import io.lazadapos.sync.Reconciliation;
import io.lazadapos.sync.ReconciliationCheck;
import io.lazadapos.ledger.LedgerDocuments;
import io.lazadapos.ledger.ReconciliationRuns;
import io.lazadapos.api.ReconciliationViews;
import org.apache.camel.Exchange;
import io.lazadapos.sync.SellerTokens;
import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaBackoff;
import io.lazadapos.lazada.LazadaFailures;
import io.lazadapos.lazada.LazadaRateLimit;
import io.lazadapos.lazada.LazadaTokens;
import io.lazadapos.ledger.TokenStore;
import io.lazadapos.observe.SellerAuthorizationCheck;
import io.lazadapos.sync.SyncHealth;
import io.lazadapos.api.ApiJson;
import io.lazadapos.console.OperatorConsole;
import io.lazadapos.lazada.LazadaReplies;
import io.lazadapos.observe.InboxBacklog;
import io.lazadapos.observe.InboxBacklogCheck;
import io.lazadapos.observe.LazadaAccessCheck;
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
    /** Lazada's pushes are small; the inbox column and the dead-letter payload hold this much. */
    private static final int MAX_PUSH_BYTES = 1_048_576;

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
        LOG.info("Lazada API: {} (configured seller {}, country {})", target.sandbox() ? "built-in sandbox at " + target.apiUrl() : target.apiUrl(),
                target.sellerId(), country);
        String instanceId = settings.optional("lazada.push.instance-id").orElseGet(AppConfiguration::hostName);

        // --- POS ledger database ----------------------------------------------------------
        String ledgerUrl = hsqldbTuned(settings.text("pos.db.url", "jdbc:hsqldb:file:data/ledger"));
        // HSQLDB's own user when none is set; other databases take it from the URL when it is not set.
        String ledgerUser = settings.optional("pos.db.user").orElse(ledgerUrl.startsWith("jdbc:hsqldb:") ? "SA" : null);
        String ledgerPassword = settings.text("pos.db.password", "");
        HikariDataSource dataSource = pooledDataSource("pos-ledger", ledgerUrl, ledgerUser, ledgerPassword, settings.integer("pos.db.pool-size", 8),
                settings.flag("pos.db.statement-cache", true));
        // The push inbox: a database of its own beside an HSQLDB ledger (PushInboxLocation), else the ledger's.
        java.util.Optional<String> inboxUrl = PushInboxLocation.ownDatabaseUrl(ledgerUrl, settings.text("pos.push-db.url", ""))
                .map(AppConfiguration::hsqldbTuned);
        String inboxUser = settings.optional("pos.push-db.user").orElse(inboxUrl.isPresent() && inboxUrl.get().startsWith("jdbc:hsqldb:")
                && !ledgerUrl.startsWith("jdbc:hsqldb:") ? "SA" : ledgerUser);
        String inboxPassword = settings.optional("pos.push-db.password").orElse(ledgerPassword);
        // A few connections of its own for the push endpoint: answering a push never waits for a
        // connection behind a backfill's transactions and the inbox drain.
        int pushPoolSize = Math.max(1, settings.integer("pos.db.push-pool-size", 4));
        HikariDataSource pushDataSource = inboxUrl.isPresent()
                ? pooledDataSource("push-inbox", inboxUrl.get(), inboxUser, inboxPassword, pushPoolSize)
                : pooledDataSource("push-inbox", ledgerUrl, ledgerUser, ledgerPassword, pushPoolSize);
        // The drain's connections to an inbox of its own (else the drain uses the ledger's pool).
        HikariDataSource drainDataSource = inboxUrl.isPresent()
                ? pooledDataSource("push-inbox-drain", inboxUrl.get(), inboxUser, inboxPassword, 2)
                : null;
        // Their connections go back to the database server when the runtime stops.
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                pushDataSource.close();
                if (drainDataSource != null) {
                    drainDataSource.close();
                }
                dataSource.close();
            }
        }, true, true);
        LOG.info("POS ledger: {}", LedgerDatabase.check(dataSource));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        DataSource inboxDataSource = drainDataSource != null ? drainDataSource : dataSource;
        if (drainDataSource != null) {
            LOG.info("Push inbox: a database of its own, {}", withoutCredentials(inboxUrl.get()));
            Flyway.configure().dataSource(drainDataSource).locations("classpath:db/push-inbox").load().migrate();
        }
        bind(context, "pushInboxDataSource", inboxDataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        bind(context, "ledgerDataSource", dataSource);
        context.getComponent("sql", SqlComponent.class).setDataSource(dataSource);
        // Every SQL endpoint reads its named parameters once per query, not once per row.
        NamedSqlParameters namedParameters = new NamedSqlParameters();
        context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> {
            if (endpoint instanceof org.apache.camel.component.sql.SqlEndpoint sql) {
                sql.setPrepareStatementStrategy(namedParameters);
            }
            return endpoint;
        });
        bind(context, "ledgerTransaction", new LedgerTransaction(new DataSourceTransactionManager(dataSource)));
        bind(context, "orderLocks", new OrderLocks(jdbc));
        bind(context, "ledgerFailures", new LedgerFailures());
        stepSelectors().forEach((name, selector) -> bind(context, name, selector));

        // --- HTTP client settings of Lazada calls -----------------------------------------
        HttpComponent http = context.getComponent("http", HttpComponent.class);
        http.setConnectTimeout(settings.integer("lazada.connect-timeout-ms", 5000));
        http.setConnectionRequestTimeout(settings.integer("lazada.connect-timeout-ms", 5000));
        http.setResponseTimeout(settings.integer("lazada.response-timeout-ms", 30000));
        http.setSoTimeout(settings.integer("lazada.response-timeout-ms", 30000));
        http.setMaxTotalConnections(40);
        http.setConnectionsPerRoute(20);
        http.setFollowRedirects(false);
        // Every attempt goes through lazada-call's rate limit and backoff: no hidden retries below it.
        http.setAutomaticRetriesDisabled(true);

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
        ProducerTemplate producer = context.createProducerTemplate();
        LazadaOrders.Gateway calls = request -> call(producer, request);

        // --- Seller tokens: in the ledger, refreshed before they lapse (lazada-call, token-refresh) ---
        // Seeded from the configuration on first start; afterwards the stored (refreshed) ones win
        // unless lazada.tokens-reseed asks for new ones. The built-in sandbox is new on every start.
        LazadaTokens lazadaTokens = new LazadaTokens(calls);
        SellerTokens tokens = new SellerTokens(new TokenStore(jdbc, clock), lazadaTokens::refresh, new SellerTokens.Settings(
                settings.duration("lazada.token-refresh-margin", Duration.ofHours(48)),
                settings.decimal("lazada.token-refresh-share", 0.5),
                settings.duration("lazada.token-retry-spacing", Duration.ofMinutes(1))), clock);
        // --- Sellers: in the ledger (seller), managed through /api/sellers; the configured one seeds the list ---
        SellerStore sellerStore = new SellerStore(jdbc, clock);
        SellerDirectory sellers = new SellerDirectory(sellerStore, tokens, country, target.sellerId());
        boolean configuredSellerDisconnected = sellerStore.find(target.sellerId()).map(r -> !r.active()).orElse(false);
        boolean tokensConfigured = !target.accessToken().isBlank() || !target.refreshToken().isBlank();
        if (configuredSellerDisconnected) {
            LOG.warn("seller {} (LAZADA_SELLER_ID) was disconnected through the API: its configured tokens are not used; connect it again "
                    + "with POST /api/sellers", target.sellerId());
        } else if (tokensConfigured || new TokenStore(jdbc, clock).find(target.sellerId()).isPresent()) {
            tokens.seed(target.sellerId(), target.accessToken(), target.refreshToken(), settings.flag("lazada.tokens-reseed", false),
                    target.sandbox());
            sellers.seedConfigured(target.sellerId(), country);
        } else {
            LOG.info("no seller tokens configured (LAZADA_ACCESS_TOKEN, LAZADA_REFRESH_TOKEN): the sellers are the ones connected "
                    + "through POST /api/sellers");
        }
        sellers.refresh();
        LOG.info("sellers: {} active of {}", sellers.activeIds(), sellers.all().size());
        bind(context, "sellerTokens", tokens);
        bind(context, "sellerDirectory", sellers);
        // Every order and return call: a refused access token is refreshed and the call made once more.
        LazadaOrders.Gateway gateway = new AuthorizedGateway(calls, tokens);
        // A revoked seller turns health DOWN with the reason (the registry finds checks among the beans).
        bind(context, "sellerAuthorizationCheck", new SellerAuthorizationCheck(tokens));

        // --- Rate limit and backoff of Lazada calls (lazada-call, error-handling) ---------------
        bind(context, "lazadaFailures", new LazadaFailures());
        SellerRateLimits rateLimit = new SellerRateLimits(settings.integer("lazada.max-calls-per-second", 10), clock);
        bind(context, "lazadaRateLimit", rateLimit);
        int attempts = settings.integer("lazada.retry-attempts", 6);
        long retryDelay = settings.integer("lazada.retry-delay-ms", 1000);
        long retryMaxDelay = Math.max(retryDelay, settings.integer("lazada.retry-max-delay-ms", 60000));
        // Lazada's ban after ApiCallLimit / 901 lasts at least a second, whatever the configuration says.
        long rateLimitDelay = Math.max(1000, settings.integer("lazada.rate-limit-backoff-ms", 1000));
        long disabledDelay = Math.max(rateLimitDelay, settings.integer("lazada.api-disabled-backoff-ms", 30000));
        bind(context, "lazadaTransientBackoff", new BackoffRedeliveryPolicy(new LazadaBackoff(retryDelay, retryMaxDelay, 2, 0.25), attempts));
        bind(context, "lazadaRateLimitBackoff", new BackoffRedeliveryPolicy(
                new LazadaBackoff(rateLimitDelay, Math.max(rateLimitDelay, retryMaxDelay), 2, 0.25), attempts));
        bind(context, "lazadaApiDisabledBackoff", new BackoffRedeliveryPolicy(
                new LazadaBackoff(disabledDelay, Math.max(disabledDelay, retryMaxDelay) * 4, 2, 0.25), attempts));

        // Lazada's own API hosts take token calls at auth.lazada.com; anything else (a sandbox) answers them itself.
        String authUrl = settings.optional("lazada.auth-url").orElse(
                !target.sandbox() && target.apiUrl().matches("https?://api\\.lazada\\.[^/]+/.*") ? "https://auth.lazada.com/rest" : target.apiUrl());
        // On Lazada's own hosts each seller's calls go to the host of its country; elsewhere (a sandbox) to the configured URL.
        boolean lazadaHosts = !target.sandbox() && target.apiUrl().matches("https?://api\\.lazada\\.[^/]+/.*");
        LazadaEndpoint endpoint = new LazadaEndpoint(target.apiUrl(),
                seller -> lazadaHosts ? sellers.countryOf(seller).apiUrl() : target.apiUrl(), authUrl, target.appKey(),
                new LazadaSigner(target.appSecret()), tokens::accessToken, clock);
        bind(context, "lazadaEndpoint", endpoint);
        // A ban (ApiCallLimit, 901) holds every caller off for its second, not only the call that met it.
        bind(context, "lazadaReplies", new LazadaReplies(syncMetrics::lazadaCall, rateLimit::holdOff));
        LazadaOrders lazadaOrders = new LazadaOrders(gateway, sellers::offsetOf, settings.integer("lazada.items-batch-size", 50));
        int itemsThreads = settings.integer("lazada.items-fetch-threads", 2);
        if (itemsThreads > 0) {
            lazadaOrders.setItemsExecutor(context.getExecutorServiceManager().newFixedThreadPool(this, "lazada-items", itemsThreads));
        }
        bind(context, "lazadaOrders", lazadaOrders);

        // --- Flow -----------------------------------------------------------------------------
        StatusMapping mapping = StatusMapping.withExtra(settings.text("pos.status-mapping.extra", ""));
        OrderPlanner planner = new OrderPlanner(new OrderStageResolver(mapping), sellers::offsetOf, sellers::currencyOf, clock);
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
                syncFrom,
                Math.max(1, settings.integer("lazada.pages-ahead", 3)),
                Math.max(1, settings.integer("lazada.pages-per-batch", 3)));
        SyncHealth syncHealth = new SyncHealth(clock);
        bind(context, "syncHealth", syncHealth);
        // --- Poll pacing: failed polls in a row space the next ones out (lazada-poll) -----------
        bind(context, "pollPacing", new PollPacing(settings.duration("lazada.poll-interval", Duration.ofSeconds(60)),
                settings.duration("lazada.outage-max-pause", Duration.ofMinutes(15)), tokens::canCall, clock));
        OrderPoll orderPoll = new OrderPoll(lazadaOrders, new LedgerIndex(jdbc), syncState, deadLetters, pollSettings, syncHealth, clock);
        bind(context, "orderPoll", orderPoll);
        bind(context, "sellerId", target.sellerId());
        bind(context, "orderFetch", new OrderFetch(lazadaOrders));

        // --- Returns (reverse orders) -------------------------------------------------------
        ReturnPoll.Settings returnSettings = new ReturnPoll.Settings(
                Math.max(1, Math.min(100, settings.integer("lazada.returns-page-size", 50))),
                pollSettings.overlap(), syncFrom);
        bind(context, "returnPoll", new ReturnPoll(new LazadaReturns(gateway, sellers::offsetOf), syncState, deadLetters, sellers::countryOf,
                returnSettings, clock));

        // --- Fees and payouts (routes/lazada-finance.camel.yaml) ----------------------------------
        FinancePoll.Settings financeSettings = new FinancePoll.Settings(
                Math.max(1, Math.min(LazadaFinance.MAX_LIMIT, settings.integer("lazada.finance-page-size", LazadaFinance.MAX_LIMIT))),
                settings.duration("lazada.finance-overlap", Duration.ofDays(3)),
                settings.duration("lazada.finance-interval", Duration.ofMinutes(15)),
                settings.duration("lazada.finance-reconcile-window", Duration.ofDays(30)),
                settings.duration("lazada.finance-reconcile-interval", Duration.ofHours(24)),
                syncFrom);
        bind(context, "financePoll", new FinancePoll(new LazadaFinance(gateway, sellers::countryOf), jdbc, syncState, deadLetters,
                sellers::countryOf, financeSettings, clock));

        // --- Lazada pushes (routes/lazada-push.camel.yaml) --------------------------------------
        // The gate checks signatures with the app key and secret of the Lazada target in use (the
        // sandbox's own when it runs). The inbox makes a push durable before it is answered; the
        // drain claims it afterwards, so this instance first takes back what it held when it stopped.
        boolean pushEnabled = settings.flag("lazada.push.enabled", true);
        int maxPushBytes = settings.integer("lazada.push.max-body-bytes", MAX_PUSH_BYTES);
        if (maxPushBytes < 1 || maxPushBytes > MAX_PUSH_BYTES) {
            throw new IllegalArgumentException("LAZADA_PUSH_MAX_BODY_BYTES must be between 1 and " + MAX_PUSH_BYTES);
        }
        LazadaPushReader pushReader = new LazadaPushReader(country.offset());
        PushInbox pushInbox = new PushInbox(new JdbcTemplate(inboxDataSource), new JdbcTemplate(pushDataSource), pushReader, deadLetters,
                new PushInbox.Settings(
                settings.duration("lazada.push.coalesce-window", Duration.ofMillis(300)),
                settings.duration("lazada.push.longest-wait", Duration.ofSeconds(5)),
                settings.integer("lazada.push.drain-batch", 500),
                settings.duration("lazada.push.claim-timeout", Duration.ofMinutes(10)),
                settings.duration("lazada.push.keep-processed", Duration.ofDays(7))),
                instanceId, clock);
        if (drainDataSource != null) {
            // Pushes accepted while the inbox lived in the ledger's database (before this version).
            pushInbox.moveInFrom(jdbc);
        }
        pushInbox.releaseClaimsOfThisInstance();
        PushHealth pushHealth = new PushHealth(clock);
        // While pushes arrive the poll pauses between pages: the live orders get the machine first.
        bind(context, "backfillPacing", new BackfillPacing(pushHealth::lastAcceptedAt, new BackfillPacing.Settings(
                settings.decimal("lazada.push.backfill-pause-share", 1.0),
                settings.duration("lazada.push.backfill-pause-while", Duration.ofSeconds(5)),
                settings.duration("lazada.push.backfill-longest-pause", Duration.ofSeconds(1))), clock));
        PushReplies pushReplies = new PushReplies(maxPushBytes);
        TokenExpiryAlerts tokenExpiryAlerts = new TokenExpiryAlerts(syncState, clock);
        bind(context, "pushGate", new PushGate(new LazadaSigner(target.appSecret()), target.appKey(), maxPushBytes));
        bind(context, "lazadaPushReader", pushReader);
        bind(context, "pushInbox", pushInbox);
        bind(context, "pushHealth", pushHealth);
        bind(context, "pushReplies", pushReplies);
        bind(context, "tokenExpiryAlerts", tokenExpiryAlerts);
        KnownSellers knownSellers = new KnownSellers(sellers::isActive, s -> tokens.accessToken(s) != null);
        bind(context, "knownSellers", knownSellers);
        bind(context, "pushStatus", new PushStatus(pushEnabled, pushHealth, pushInbox, tokenExpiryAlerts, sellers::activeIds));
        java.util.concurrent.ExecutorService pushFetchPool = context.getExecutorServiceManager()
                .newFixedThreadPool(this, "push-fetch", Math.max(1, settings.integer("lazada.push.fetch-threads", 8)));
        bind(context, "pushFetchPool", pushFetchPool);
        // A drain's trade-order claims are fetched together and applied as one batch per seller.
        bind(context, "pushedOrders", new PushedOrders(lazadaOrders, new LedgerIndex(jdbc), knownSellers, pushFetchPool, pushInbox::failed));
        // Bodies over camel.server.max-body-size never reach a route: the HTTP server answers 413 itself.
        context.addStartupListener((ctx, alreadyStarted) -> answerOversizedBodiesInJson(ctx,
                settings.integer("camel.server.port", 8080), pushReplies, pushHealth));

        // --- Reconciliation sweep (reconciliation.camel.yaml) -------------------------------------
        // Repairs go through the fetch-and-sync route with source "reconcile": fresh data, re-applied.
        ReconciliationRuns reconciliationRuns = new ReconciliationRuns(jdbc, clock);
        int interrupted = reconciliationRuns.failInterrupted();
        if (interrupted > 0) {
            LOG.warn("{} reconciliation sweeps were interrupted by the last stop; marked FAILED", interrupted);
        }
        Reconciliation.Repair repair = (sellerId, orderId) -> {
            Exchange done = producer.send("direct:fetch-and-sync-order", e -> {
                e.getMessage().setHeader("sellerId", sellerId);
                e.getMessage().setHeader("orderId", orderId);
                e.getMessage().setHeader("syncSource", OrderPlanner.RECONCILE);
            });
            if (done.getException() != null) {
                LazadaApiException lazada = LazadaFailures.lazadaError(done.getException());
                throw lazada != null ? lazada : new IllegalStateException(done.getException().getMessage(), done.getException());
            }
        };
        Reconciliation reconciliation = new Reconciliation(lazadaOrders, orderPoll::watermark, new LedgerDocuments(jdbc), reconciliationRuns,
                new ReconciliationCheck(mapping), repair, new Reconciliation.Settings(
                        pollSettings.pageSize(), pollSettings.offsetCap(),
                        settings.duration("lazada.reconcile-interval", Duration.ofDays(1)),
                        settings.integer("lazada.reconcile-days", 7),
                        settings.integer("lazada.reconcile-max-days", 90)), clock);
        bind(context, "reconciliation", reconciliation);
        bind(context, "reconciliationRuns", reconciliationRuns);
        bind(context, "reconciliationViews", new ReconciliationViews(reconciliation, reconciliationRuns, target.sellerId()));

        // --- Read API ---------------------------------------------------------------------------
        bind(context, "orderViews", new OrderViews(jdbc, target.sellerId()));
        bind(context, "payoutViews", new PayoutViews(jdbc, sellers, syncState, context.getRegistry().lookupByNameAndType("financePoll", FinancePoll.class)));
        bind(context, "apiGuard", new ApiGuard(settings.text("pos.api-token", "")));
        bind(context, "apiJson", new ApiJson());

        // --- Operator's console and observability ------------------------------------------
        // Log context of order routes; health checks (/observe/health, group lazada-pos);
        // gauges for the metrics; the console's API beans.
        bind(context, "orderLogContext", new OrderLogContext());
        ProducerTemplate onceProducer = context.createProducerTemplate();
        LazadaOrders lazadaOnce = new LazadaOrders(request -> callOnce(onceProducer, request), sellers::offsetOf, 1);
        Duration probeInterval = settings.duration("health.lazada-check-interval", Duration.ofMinutes(5));
        java.util.Map<String, LazadaProbe> probes = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.Function<String, LazadaProbe> probeOf = seller -> probes.computeIfAbsent(seller,
                s -> new LazadaProbe(lazadaOnce, s, probeInterval, clock));
        InboxBacklog inbox = context.getRegistry().lookupByNameAndType("inboxBacklog", InboxBacklog.class);
        if (inbox == null) {
            inbox = new PushInboxTable(new JdbcTemplate(inboxDataSource));
        }
        boolean pollEnabled = settings.flag("lazada.poll-enabled", true);
        Duration pollInterval = settings.duration("lazada.poll-interval", Duration.ofMinutes(1));
        PollFreshnessCheck freshness = new PollFreshnessCheck(syncHealth, syncState, sellers::activeIds, pollEnabled, pollInterval,
                settings.duration("lazada.poll-delay", Duration.ofSeconds(1)), clock);
        freshness.setConnectedAt(seller -> sellers.find(seller).map(SellerStore.SellerRow::createdAt).orElse(null));
        RouteReloads routeReloads = new RouteReloads(context);
        HealthCheckRegistry checks = HealthCheckRegistry.get(context);
        if (checks != null) {
            checks.register(new LedgerDatabaseCheck(dataSource));
            checks.register(new LazadaAccessCheck(() -> sellers.activeIds().stream().filter(tokens::canCall).toList(), probeOf));
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
        // --- The events outbox (POS_EVENTS_URI): every ledger event to the seller's own POS ----------
        boolean eventsEnabled = PosEventsSetup.enabled(settings);
        PosEventsSetup.configure(context, settings, jdbc, context.getRegistry().lookupByNameAndType("orderViews", OrderViews.class),
                syncMetrics, clock);
        // --- Several instances: pollers and the outbox each run on one of them (cluster service) -----
        PollLeadership leadership = pollLeadership(settings, context, instanceId, pollEnabled, eventsEnabled);
        leadership.setSellers(sellers::activeIds);
        // Without timer polls (an operator's or a test's "poll now" only) this instance polls whatever it is asked to.
        orderPoll.setPolledHere(pollEnabled ? leadership::leads : seller -> true);
        bind(context, "pollLeadership", leadership);
        SellerPollers pollers = new SellerPollers(context, leadership, pollEnabled);
        sellers.onChange(d -> pollers.sync(d.activeIds()));
        context.addStartupListener(new org.apache.camel.ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                // The route templates are loaded now.
                pollers.sync(sellers.activeIds());
                if (eventsEnabled) {
                    PosEventsSetup.startDelivery(ctx, leadership);
                }
            }
        });
        bind(context, "sellerPollers", pollers);
        bind(context, "sellerViews", new SellerViews(sellers, tokens, orderPoll, freshness::lastSuccess, syncHealth, leadership::leads, jdbc));

        OperatorConsole.bind(new OperatorConsole.Parts(context, dataSource, clock, sellers, leadership,
                context.getRegistry().lookupByNameAndType("orderViews", OrderViews.class), orderPoll, syncHealth, pollEnabled,
                pollInterval, freshness, inbox, probeOf, syncMetrics, routeReloads,
                settings.duration("console.max-resync-window", Duration.ofDays(31))));
    }

    /** The cluster service of CLUSTER_SERVICE (file, kubernetes, none); none when this instance neither polls nor sends events. */
    private static PollLeadership pollLeadership(Settings settings, CamelContext context, String instanceId, boolean pollEnabled,
            boolean eventsEnabled) throws Exception {
        PollLeadership.Kind kind = ClusterSetup.kind(settings.text("cluster.service", "file"));
        if ((!pollEnabled && !eventsEnabled) || kind == PollLeadership.Kind.NONE) {
            if (pollEnabled) {
                LOG.info("sellers' pollers: no cluster service (CLUSTER_SERVICE=none): this instance polls every seller; run one instance only");
            }
            return PollLeadership.none(instanceId);
        }
        Duration rebalance = settings.duration("cluster.rebalance-interval", Duration.ofSeconds(5));
        if (kind == PollLeadership.Kind.FILE) {
            return ClusterSetup.file(context, instanceId, new ClusterSetup.FileOptions(
                    java.nio.file.Path.of(settings.text("cluster.file.root", "data/cluster")),
                    settings.duration("cluster.file.interval", Duration.ofSeconds(2)),
                    settings.integer("cluster.file.stale-after", 5)), rebalance);
        }
        return ClusterSetup.kubernetes(context, instanceId, new ClusterSetup.KubernetesOptions(
                settings.text("cluster.kubernetes.namespace", ""),
                settings.text("cluster.kubernetes.lease-prefix", "lazada-pos-sync"),
                ClusterSetup.labels(settings.text("cluster.kubernetes.labels", "app=lazada-pos-sync")),
                settings.text("cluster.kubernetes.master-url", ""),
                settings.duration("cluster.kubernetes.lease-duration", Duration.ofSeconds(15)),
                settings.duration("cluster.kubernetes.renew-deadline", Duration.ofSeconds(10)),
                settings.duration("cluster.kubernetes.retry-period", Duration.ofSeconds(2))), rebalance);
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
            // The typed Lazada error, not Camel's wrappers around it: callers branch on its kind.
            LazadaApiException lazada = LazadaFailures.lazadaError(e);
            if (lazada != null) {
                throw lazada;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The server's own 413 as the push endpoint's JSON error, counted, instead of a bare page and an ERROR log line. */
    private static void answerOversizedBodiesInJson(CamelContext context, int port, PushReplies replies, PushHealth health) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            LOG.warn("no HTTP router found on port {}: oversized bodies get the server's plain 413", port);
            return;
        }
        ApiJson json = new ApiJson();
        // A failure handler of the router the routes live on: it sees the body handler's 413 first.
        router.route().failureHandler(rc -> {
            if (rc.statusCode() != 413 || rc.response().ended()) {
                rc.next();
                return;
            }
            if ("/lazada/push".equals(rc.normalizedPath())) {
                health.rejected(PushGate.Verdict.TOO_LARGE.name(), rc.request().remoteAddress(), null);
            }
            String body;
            try {
                body = json.write(replies.rejected(PushGate.Verdict.TOO_LARGE.name()));
            } catch (java.io.IOException e) {
                body = "{\"error\":\"too_large\"}";
            }
            rc.response().setStatusCode(413).putHeader("Content-Type", "application/json").end(body);
        });
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "local";
        }
    }

    /**
     * What the POS step routes call to pick, from their changes (exchange property {@code changes}),
     * the new orders' and the known orders' (ChangedOrders). Processors, not bean calls: a step
     * route picks twice per batch, and a bean call's reflection cost more than the picking.
     */
    public static java.util.Map<String, org.apache.camel.Processor> stepSelectors() {
        java.util.Map<String, org.apache.camel.Processor> m = new java.util.LinkedHashMap<>();
        m.put("newOrdersOfChanges", e -> e.getMessage().setBody(ChangedOrders.newOrders(changes(e))));
        m.put("knownOrdersOfChanges", e -> e.getMessage().setBody(ChangedOrders.knownOrders(changes(e))));
        m.put("knownOrdersOfChangedLines", e -> e.getMessage().setBody(ChangedOrders.knownOrdersOf(changes(e))));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<java.util.Map<String, Object>> changes(Exchange e) {
        return e.getProperty("changes", java.util.List.class);
    }

    private static HikariDataSource pooledDataSource(String name, String url, String user, String password, int size) {
        return pooledDataSource(name, url, user, password, size, false);
    }

    /** @param keepStatements an HSQLDB ledger's connections keep their prepared statements (StatementCachingDataSource) */
    private static HikariDataSource pooledDataSource(String name, String url, String user, String password, int size, boolean keepStatements) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        if (keepStatements && url.startsWith("jdbc:hsqldb:")) {
            org.hsqldb.jdbc.JDBCDataSource hsqldb = new org.hsqldb.jdbc.JDBCDataSource();
            hsqldb.setUrl(url);
            config.setDataSource(new io.lazadapos.ledger.StatementCachingDataSource(hsqldb));
        } else {
            // The URL chooses the database and its driver: HSQLDB (embedded) or PostgreSQL.
            config.setJdbcUrl(url);
        }
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** A JDBC URL fit for a log line: its properties (which may carry a user and password) left out. */
    static String withoutCredentials(String url) {
        int end = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            end = i >= 0 ? Math.min(end, i) : end;
        }
        return url.substring(0, end);
    }

    /**
     * HSQLDB settings the ledger relies on, added to an HSQLDB URL that does not choose them:
     * MVCC (row locks, so orders lock one by one), no space padding in comparisons (keys are
     * compared as they are, without the cost of padding every compared string), and for a file
     * database cached tables (rows live on disk behind a cache, so the heap does not grow with the
     * ledger) and a clean close when the runtime's last connection closes (a checkpoint: the next
     * start need not replay the log, and the database's memory is given back).
     */
    public static String hsqldbTuned(String url) {
        if (!url.startsWith("jdbc:hsqldb:")) {
            return url;
        }
        String tuned = url;
        if (!tuned.contains("hsqldb.tx=")) {
            tuned += ";hsqldb.tx=mvcc";
        }
        if (!tuned.contains("sql.pad_space=")) {
            tuned += ";sql.pad_space=false";
        }
        if (tuned.startsWith("jdbc:hsqldb:file:") && !tuned.contains("hsqldb.default_table_type=")) {
            tuned += ";hsqldb.default_table_type=cached";
        }
        if (tuned.startsWith("jdbc:hsqldb:file:") && !tuned.contains("shutdown=")) {
            tuned += ";shutdown=true";
        }
        return tuned;
    }

    static void bind(CamelContext context, String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }
}
