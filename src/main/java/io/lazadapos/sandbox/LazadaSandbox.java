package io.lazadapos.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A built-in stand-in for Lazada's Open Platform: the order, return, finance and token APIs on a loopback
 * port, with made-up orders that live through Lazada's statuses, and a driving API for tests.
 *
 * <pre>{@code
 * try (LazadaSandbox lazada = LazadaSandbox.start(SandboxSettings.defaults().withInitialOrders(500))) {
 *     String orderId = lazada.createOrder(SandboxOrderSpec.withItems(2));
 *     lazada.setOrderStatus(orderId, "pending");
 *     // point the client at lazada.baseUrl(), app key "100200", secret "sandbox-app-secret",
 *     // access token "sandbox-access-token"
 * }
 * }</pre>
 *
 * Unknown order, item or seller ids throw {@link java.util.NoSuchElementException}; malformed
 * arguments {@link IllegalArgumentException}. Thread-safe.
 */
public final class LazadaSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LazadaSandbox.class);

    static {
        // The JDK server flushes response headers and body as two TCP segments; with Nagle's algorithm on,
        // every keep-alive response then stalls ~40 ms on the client's delayed ACK. The server reads this
        // JVM-wide switch once, when the first HttpServer is made; an explicit setting is left alone.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SandboxSettings settings;
    private final Marketplace market;
    private final ApiCallLog calls = new ApiCallLog();
    private final FaultPlan plannedFaults = new FaultPlan();
    private final ApiFaults faults;
    private final ExecutorService httpThreads;
    private final HttpServer server;
    private final ScheduledExecutorService liveGenerator;
    private final PushSender pushSender;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LazadaSandbox(SandboxSettings settings) {
        this.settings = settings;
        this.market = new Marketplace(settings);
        this.faults = new ApiFaults(plannedFaults, settings.faultMix(), settings.seed());
        if (settings.initialOrders() > 0) {
            long started = System.nanoTime();
            market.generateBackfill(settings.sellerId(), settings.initialOrders());
            log.info("Lazada sandbox made up {} orders over the last {} in {} ms", settings.initialOrders(),
                    settings.backfillSpan(), (System.nanoTime() - started) / 1_000_000);
        }
        if (settings.pushes().enabled()) {
            this.pushSender = new PushSender(settings,
                    new OrderGenerator(SellerCountry.of(settings.country()), settings.seed()).randomFor(OrderGenerator.STREAM_PUSH_FAULTS, 0));
            market.addStatusListener(pushSender);
            market.addReverseListener(pushSender);
        } else {
            this.pushSender = null;
        }
        this.httpThreads = Executors.newFixedThreadPool(settings.httpThreads(), daemonThreads("lazada-sandbox-http"));
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 64);
        } catch (IOException e) {
            httpThreads.shutdownNow();
            throw new UncheckedIOException("Lazada sandbox cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        server.setExecutor(httpThreads);
        server.createContext(LazadaApi.CONTEXT, new LazadaApi(settings, market, calls, faults));
        server.createContext(ControlApi.CONTEXT, new ControlApi(this));
        server.start();
        if (settings.liveOrdersPerMinute() > 0) {
            liveGenerator = Executors.newSingleThreadScheduledExecutor(daemonThreads("lazada-sandbox-live"));
            long every = settings.tickInterval().toMillis();
            liveGenerator.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        } else {
            liveGenerator = null;
        }
        log.info("Lazada sandbox listening at {} (country {}, seller {}, {} live orders/min, {})", baseUrl(),
                settings.country(), settings.sellerId(), settings.liveOrdersPerMinute(),
                pushSender == null ? "no pushes" : "pushes to " + settings.pushes().callbackUrl());
    }

    /** Starts the HTTP server (and the live generator when {@code liveOrdersPerMinute > 0}). */
    public static LazadaSandbox start(SandboxSettings settings) {
        return new LazadaSandbox(settings);
    }

    /** Where a Lazada client points, e.g. "http://127.0.0.1:41234/rest". */
    public String baseUrl() {
        return origin() + LazadaApi.CONTEXT;
    }

    /** Where the HTTP driving API lives, e.g. "http://127.0.0.1:41234/sandbox". */
    public String controlUrl() {
        return origin() + ControlApi.CONTEXT;
    }

    private String origin() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** Stops the server and the generator thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        int port = port();
        if (liveGenerator != null) liveGenerator.shutdownNow();
        if (pushSender != null) pushSender.close();
        server.stop(0);
        httpThreads.shutdownNow();
        log.info("Lazada sandbox at port {} stopped", port);
    }

    // ---------------------------------------------------------------- driving it

    /** Creates an order now (or at {@code spec.createdAt()}); listeners hear of each item's first status. */
    public String createOrder(SandboxOrderSpec spec) {
        return market.createOrder(spec);
    }

    public void setItemStatus(String orderId, String orderItemId, String status) {
        market.setStatus(orderId, requireItem(orderItemId), status, null);
    }

    /**
     * Sets one item's status, as of the sandbox clock's now. {@code canceled} without an initiator
     * gets "system-cancel" when the item was unpaid, else "cancellation-seller"; {@code returned}
     * opens a RETURN reverse order. A driven order stops following its generated script.
     */
    public void setItemStatus(String orderId, String orderItemId, String status, String cancelReturnInitiator) {
        market.setStatus(orderId, requireItem(orderItemId), status, cancelReturnInitiator);
    }

    /** Sets every item of the order (the common case). */
    public void setOrderStatus(String orderId, String status) {
        market.setStatus(orderId, null, status, null);
    }

    public void setOrderStatus(String orderId, String status, String cancelReturnInitiator) {
        market.setStatus(orderId, null, status, cancelReturnInitiator);
    }

    /** The buyer asks to cancel: need_cancel_confirm and is_cancel_pending on every live item; null trigger = in 24 h. */
    public void setBuyerCancelRequest(String orderId, Instant cancelTriggerTime) {
        market.setBuyerCancelRequest(orderId, cancelTriggerTime);
    }

    /** Bumps updated_at to now without changing anything else. */
    public void touch(String orderId) {
        market.touch(orderId);
    }

    /** A refund-only request on delivered items (all when orderItemId is null): the items stay delivered. */
    public void requestRefund(String orderId, String orderItemId) {
        market.requestRefund(orderId, orderItemId);
    }

    /** Moves the reverse order line of a returned item (or of every returned item when orderItemId is null). */
    public void setReverseStatus(String orderId, String orderItemId, String reverseStatus) {
        market.setReverseStatus(orderId, orderItemId, reverseStatus);
    }

    /**
     * From now on, Lazada's reported item_revenue of the seller's statement (e.g. "ID2026W49", which
     * need not exist yet), and so its closing balance and payout, is off by {@code amount} (major
     * units) from the statement's transactions; zero takes the skew back.
     */
    public void skewStatement(String sellerId, String statementNumber, BigDecimal amount) {
        market.skewStatement(sellerId, statementNumber, amount);
    }

    public SandboxOrderView order(String orderId) {
        return market.view(orderId);
    }

    /** Every order of the default seller, oldest first. */
    public List<SandboxOrderView> orders() {
        return market.views(settings.sellerId());
    }

    public List<SandboxOrderView> orders(String sellerId) {
        return market.views(sellerId);
    }

    public int orderCount(String sellerId) {
        return market.orderCount(sellerId);
    }

    /**
     * Makes up n orders for the default seller, created over the backfill span that ends now, each
     * already advanced through its lifecycle up to now. Their history does not reach listeners; what
     * their scripts do from now on does. Deterministic for a given seed and clock.
     */
    public int generateBackfill(int n) {
        return market.generateBackfill(settings.sellerId(), n);
    }

    public int generateBackfill(String sellerId, int n) {
        return market.generateBackfill(sellerId, n);
    }

    /**
     * Does now what the live generator does on each tick: creates due live orders and applies every
     * scripted transition due by the clock's now. For tests that move a clock themselves.
     * Returns the number of transitions applied.
     */
    public int advance() {
        return market.advance();
    }

    /** Calls answered for an API path such as "/orders/get" (errors included). */
    public long apiCalls(String apiPath) {
        return calls.calls(apiPath.startsWith(LazadaApi.CONTEXT + "/") ? apiPath.substring(LazadaApi.CONTEXT.length()) : apiPath);
    }

    public Map<String, Long> apiCallCounts() {
        return calls.snapshot();
    }

    public void resetCounters() {
        calls.reset();
        faults.resetCounts();
    }

    /** One call as the sandbox saw it: signed at (its {@code timestamp} parameter, -1 if none) and received at. */
    public record CallTime(String apiPath, long signedAtMillis, long receivedAtMillis, long receivedAtNanos) {
    }

    /** Every call since start (or the last reset), in arrival order: for tests of a client's rate. */
    public List<CallTime> callTimes() {
        return calls.times();
    }

    /**
     * The next {@code times} calls to {@code apiPath} fail: with a Lazada error code ("ApiCallLimit",
     * "ServiceTimeout", "901", "6", "IllegalAccessToken", ...) or, for "http:503" and the like, a bare
     * HTTP status. Counted like other calls.
     */
    public void failNextCalls(String apiPath, String code, int times) {
        plannedFaults.failNext(apiPath, code, times);
    }

    // ---------------------------------------------------------------- fault injection

    /** From now on, a share of the calls fails in mixed ways (see {@link FaultMix}); {@link FaultMix#none()} stops it. */
    public void setFaultMix(FaultMix mix) {
        faults.setMix(mix == null ? FaultMix.none() : mix);
    }

    public FaultMix faultMix() {
        return faults.mix();
    }

    /** How many calls failed on purpose, by kind, since start (or the last reset). */
    public Map<String, Long> injectedFaults() {
        return faults.injected();
    }

    /** The seller's access token lapses now: calls answer IllegalAccessToken until the client refreshes. */
    public void expireAccessToken(String sellerId) {
        market.expireAccessToken(sellerId);
    }

    /** The seller's access token lapses after {@code calls} more API calls (a token expiring mid-run). */
    public void expireAccessTokenAfterCalls(String sellerId, long calls) {
        faults.expireAccessTokenAfter(sellerId, calls);
    }

    /** The seller withdrew the authorization: the access token lapses and the refresh token answers IllegalRefreshToken. */
    public void revokeAuthorization(String sellerId) {
        market.revokeAuthorization(sellerId);
    }

    /** Every token the sandbox handed out since start, for tests that look for leaks. */
    public List<String> issuedTokens() {
        return market.issuedTokens();
    }

    /**
     * What the push sender did since start: sent (answered 200), failed, dropped, duplicated, delayed,
     * reordered, and pending (queued or in flight). All zero when pushes are off.
     */
    public PushStats pushStats() {
        return pushSender == null ? new PushStats(0, 0, 0, 0, 0, 0, 0) : pushSender.stats();
    }

    /**
     * Pushes made from now on wait until {@link #releasePushes()}: for a receiver that is not listening
     * yet (the runtime starts its sandbox before its HTTP server). No effect when pushes are off.
     */
    public void holdPushes() {
        if (pushSender != null) pushSender.hold();
    }

    /** Sends the pushes that waited, in order, and every later one as it comes. */
    public void releasePushes() {
        if (pushSender != null) pushSender.release();
    }

    /** Counts of the sandbox's pushes; {@code pending} ones are queued, held back or in flight. */
    public record PushStats(long sent, long failed, long dropped, long duplicated, long delayed, long reordered, int pending) {
    }

    public void addStatusListener(SandboxStatusListener listener) {
        market.addStatusListener(listener);
    }

    public void addReverseListener(SandboxReverseListener listener) {
        market.addReverseListener(listener);
    }

    /** Another seller with its own tokens and orders, in the sandbox's country. */
    public void addSeller(String sellerId, String accessToken, String refreshToken) {
        market.addSeller(sellerId, accessToken, refreshToken);
    }

    private void tick() {
        try {
            market.advance();
        } catch (RuntimeException e) {
            // Keep the schedule alive: one failed tick must not stop the sandbox's orders.
            log.error("Lazada sandbox live generator tick failed", e);
        }
    }

    private static String requireItem(String orderItemId) {
        if (orderItemId == null || orderItemId.isBlank()) throw new IllegalArgumentException("orderItemId must not be blank");
        return orderItemId;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
