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
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.sql.SqlComponent;
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
import io.lazadapos.sync.ReturnPoll;
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
import io.lazadapos.lazada.LazadaReplies;

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
        Clock clock = context.getRegistry().lookupByNameAndType("clock", Clock.class);
        if (clock == null) {
            clock = Clock.systemUTC();
        }

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
        // Every attempt goes through lazada-call's rate limit and backoff: no hidden retries below it.
        http.setAutomaticRetriesDisabled(true);

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
        tokens.seed(target.sellerId(), target.accessToken(), target.refreshToken(), settings.flag("lazada.tokens-reseed", false),
                target.sandbox());
        bind(context, "sellerTokens", tokens);
        // Every order and return call: a refused access token is refreshed and the call made once more.
        LazadaOrders.Gateway gateway = new AuthorizedGateway(calls, tokens);
        // A revoked seller turns health DOWN with the reason (the registry finds checks among the beans).
        bind(context, "sellerAuthorizationCheck", new SellerAuthorizationCheck(tokens));

        // --- Rate limit and backoff of Lazada calls (lazada-call, error-handling) ---------------
        bind(context, "lazadaFailures", new LazadaFailures());
        bind(context, "failureHandover", new FailureHandover());
        LazadaRateLimit rateLimit = new LazadaRateLimit(settings.integer("lazada.max-calls-per-second", 10), clock);
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
        LazadaEndpoint endpoint = new LazadaEndpoint(target.apiUrl(), authUrl, target.appKey(), new LazadaSigner(target.appSecret()),
                tokens::accessToken, clock);
        bind(context, "lazadaEndpoint", endpoint);
        // A ban (ApiCallLimit, 901) holds every caller off for its second, not only the call that met it.
        bind(context, "lazadaReplies", new LazadaReplies(rateLimit::holdOff));
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
        // --- Poll pacing: failed polls in a row space the next ones out (lazada-poll) -----------
        bind(context, "pollPacing", new PollPacing(settings.duration("lazada.poll-interval", Duration.ofSeconds(60)),
                settings.duration("lazada.outage-max-pause", Duration.ofMinutes(15)), tokens::canCall, clock));
        bind(context, "orderPoll", new OrderPoll(lazadaOrders, new LedgerIndex(jdbc), syncState, deadLetters, pollSettings, syncHealth, clock));
        bind(context, "sellerId", target.sellerId());
        bind(context, "orderFetch", new OrderFetch(lazadaOrders));

        // --- Returns (reverse orders) -------------------------------------------------------
        ReturnPoll.Settings returnSettings = new ReturnPoll.Settings(
                Math.max(1, Math.min(100, settings.integer("lazada.returns-page-size", 50))),
                pollSettings.overlap(), syncFrom);
        bind(context, "returnPoll", new ReturnPoll(new LazadaReturns(gateway, country.offset()), syncState, deadLetters, country,
                returnSettings, clock));

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
        OrderPoll orderPoll = context.getRegistry().lookupByNameAndType("orderPoll", OrderPoll.class);
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
        bind(context, "apiGuard", new ApiGuard(settings.text("pos.api-token", "")));
        bind(context, "apiJson", new ApiJson());
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
