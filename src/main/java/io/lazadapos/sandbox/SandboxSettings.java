package io.lazadapos.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that shapes a {@link LazadaSandbox}: where it listens, the app and seller credentials it
 * accepts, the seller's country, and how many orders it makes up. Immutable; change it with the
 * {@code with...} methods or {@link #toBuilder()}.
 */
public final class SandboxSettings {

    private final int port;
    private final String host;
    private final String appKey;
    private final String appSecret;
    private final String accessToken;
    private final String refreshToken;
    private final String sellerId;
    private final String country;
    private final long seed;
    private final Clock clock;
    private final int initialOrders;
    private final Duration backfillSpan;
    private final double liveOrdersPerMinute;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenTtl;
    private final int maxPageSize;
    private final int offsetCap;
    private final Duration tickInterval;
    private final int httpThreads;
    private final PushSettings pushes;
    private final FaultMix faultMix;
    private final Duration postingDelay;
    private final Duration payoutDelay;

    private SandboxSettings(Builder b) {
        this.port = b.port;
        this.host = Objects.requireNonNull(b.host, "host");
        this.appKey = requireText(b.appKey, "appKey");
        this.appSecret = requireText(b.appSecret, "appSecret");
        this.accessToken = requireText(b.accessToken, "accessToken");
        this.refreshToken = requireText(b.refreshToken, "refreshToken");
        this.sellerId = requireText(b.sellerId, "sellerId");
        this.country = SellerCountry.of(b.country).name();
        this.seed = b.seed;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.initialOrders = b.initialOrders;
        this.backfillSpan = Objects.requireNonNull(b.backfillSpan, "backfillSpan");
        this.liveOrdersPerMinute = b.liveOrdersPerMinute;
        this.accessTokenTtl = Objects.requireNonNull(b.accessTokenTtl, "accessTokenTtl");
        this.refreshTokenTtl = Objects.requireNonNull(b.refreshTokenTtl, "refreshTokenTtl");
        this.maxPageSize = b.maxPageSize;
        this.offsetCap = b.offsetCap;
        this.tickInterval = Objects.requireNonNull(b.tickInterval, "tickInterval");
        this.httpThreads = b.httpThreads;
        this.pushes = Objects.requireNonNull(b.pushes, "pushes");
        this.faultMix = Objects.requireNonNull(b.faultMix, "faultMix");
        this.postingDelay = Objects.requireNonNull(b.postingDelay, "postingDelay");
        this.payoutDelay = Objects.requireNonNull(b.payoutDelay, "payoutDelay");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
        if (initialOrders < 0) throw new IllegalArgumentException("initialOrders must be >= 0");
        if (backfillSpan.isNegative() || backfillSpan.isZero()) throw new IllegalArgumentException("backfillSpan must be positive");
        if (!(liveOrdersPerMinute >= 0)) throw new IllegalArgumentException("liveOrdersPerMinute must be >= 0");
        if (maxPageSize < 1) throw new IllegalArgumentException("maxPageSize must be >= 1");
        if (offsetCap < 0) throw new IllegalArgumentException("offsetCap must be >= 0");
        if (tickInterval.toMillis() < 1) throw new IllegalArgumentException("tickInterval must be at least 1 ms");
        if (httpThreads < 1) throw new IllegalArgumentException("httpThreads must be >= 1");
        if (accessTokenTtl.isNegative() || refreshTokenTtl.isNegative()) throw new IllegalArgumentException("token lifetimes must not be negative");
        if (postingDelay.isNegative() || payoutDelay.isNegative()) throw new IllegalArgumentException("finance delays must not be negative");
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
        return value;
    }

    /** The defaults: ephemeral loopback port, seller "default" in Indonesia, seed 42, no orders. */
    public static SandboxSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.host = host;
        b.appKey = appKey;
        b.appSecret = appSecret;
        b.accessToken = accessToken;
        b.refreshToken = refreshToken;
        b.sellerId = sellerId;
        b.country = country;
        b.seed = seed;
        b.clock = clock;
        b.initialOrders = initialOrders;
        b.backfillSpan = backfillSpan;
        b.liveOrdersPerMinute = liveOrdersPerMinute;
        b.accessTokenTtl = accessTokenTtl;
        b.refreshTokenTtl = refreshTokenTtl;
        b.maxPageSize = maxPageSize;
        b.offsetCap = offsetCap;
        b.tickInterval = tickInterval;
        b.httpThreads = httpThreads;
        b.pushes = pushes;
        b.faultMix = faultMix;
        b.postingDelay = postingDelay;
        b.payoutDelay = payoutDelay;
        return b;
    }

    public int port() { return port; }
    public String host() { return host; }
    public String appKey() { return appKey; }
    public String appSecret() { return appSecret; }
    /** The default seller's first access token. */
    public String accessToken() { return accessToken; }
    /** The default seller's first refresh token. */
    public String refreshToken() { return refreshToken; }
    public String sellerId() { return sellerId; }
    /** Upper-case country code: ID, TH, VN, SG, MY or PH. */
    public String country() { return country; }
    /** ISO currency of the country (IDR, THB, VND, SGD, MYR, PHP). */
    public String currency() { return SellerCountry.of(country).currency; }
    /** The country's local offset, in which Lazada writes dates ("+07:00" or "+08:00"). */
    public java.time.ZoneOffset offset() { return SellerCountry.of(country).offset; }
    public long seed() { return seed; }
    public Clock clock() { return clock; }
    public int initialOrders() { return initialOrders; }
    public Duration backfillSpan() { return backfillSpan; }
    public double liveOrdersPerMinute() { return liveOrdersPerMinute; }
    public Duration accessTokenTtl() { return accessTokenTtl; }
    public Duration refreshTokenTtl() { return refreshTokenTtl; }
    public int maxPageSize() { return maxPageSize; }
    public int offsetCap() { return offsetCap; }
    /** How often the live generator wakes up to create orders and apply due transitions. */
    public Duration tickInterval() { return tickInterval; }
    public int httpThreads() { return httpThreads; }
    /** Where and how the sandbox pushes its changes; off by default. */
    public PushSettings pushes() { return pushes; }
    /** The share of calls that fail on purpose, and how; none by default. */
    public FaultMix faultMix() { return faultMix; }
    /** How long after delivery an item's fee transactions post (and again after a completed refund); 1 day by default. */
    public Duration postingDelay() { return postingDelay; }
    /** How long after a weekly statement closes (Monday 00:00 local) Lazada pays it out; 3 days by default. */
    public Duration payoutDelay() { return payoutDelay; }

    public SandboxSettings withPort(int v) { Builder b = toBuilder(); b.port = v; return b.build(); }
    public SandboxSettings withHost(String v) { Builder b = toBuilder(); b.host = v; return b.build(); }
    public SandboxSettings withAppKey(String v) { Builder b = toBuilder(); b.appKey = v; return b.build(); }
    public SandboxSettings withAppSecret(String v) { Builder b = toBuilder(); b.appSecret = v; return b.build(); }
    public SandboxSettings withAccessToken(String v) { Builder b = toBuilder(); b.accessToken = v; return b.build(); }
    public SandboxSettings withRefreshToken(String v) { Builder b = toBuilder(); b.refreshToken = v; return b.build(); }
    public SandboxSettings withSellerId(String v) { Builder b = toBuilder(); b.sellerId = v; return b.build(); }
    public SandboxSettings withCountry(String v) { Builder b = toBuilder(); b.country = v; return b.build(); }
    public SandboxSettings withSeed(long v) { Builder b = toBuilder(); b.seed = v; return b.build(); }
    public SandboxSettings withClock(Clock v) { Builder b = toBuilder(); b.clock = v; return b.build(); }
    public SandboxSettings withInitialOrders(int v) { Builder b = toBuilder(); b.initialOrders = v; return b.build(); }
    public SandboxSettings withBackfillSpan(Duration v) { Builder b = toBuilder(); b.backfillSpan = v; return b.build(); }
    public SandboxSettings withLiveOrdersPerMinute(double v) { Builder b = toBuilder(); b.liveOrdersPerMinute = v; return b.build(); }
    public SandboxSettings withAccessTokenTtl(Duration v) { Builder b = toBuilder(); b.accessTokenTtl = v; return b.build(); }
    public SandboxSettings withRefreshTokenTtl(Duration v) { Builder b = toBuilder(); b.refreshTokenTtl = v; return b.build(); }
    public SandboxSettings withMaxPageSize(int v) { Builder b = toBuilder(); b.maxPageSize = v; return b.build(); }
    public SandboxSettings withOffsetCap(int v) { Builder b = toBuilder(); b.offsetCap = v; return b.build(); }
    public SandboxSettings withTickInterval(Duration v) { Builder b = toBuilder(); b.tickInterval = v; return b.build(); }
    public SandboxSettings withHttpThreads(int v) { Builder b = toBuilder(); b.httpThreads = v; return b.build(); }
    public SandboxSettings withPushes(PushSettings v) { Builder b = toBuilder(); b.pushes = v; return b.build(); }
    public SandboxSettings withFaultMix(FaultMix v) { Builder b = toBuilder(); b.faultMix = v; return b.build(); }
    public SandboxSettings withPostingDelay(Duration v) { Builder b = toBuilder(); b.postingDelay = v; return b.build(); }
    public SandboxSettings withPayoutDelay(Duration v) { Builder b = toBuilder(); b.payoutDelay = v; return b.build(); }

    /** Leaves out the app secret and the tokens on purpose: settings end up in logs. */
    @Override
    public String toString() {
        return "SandboxSettings{host=" + host + ", port=" + port + ", appKey=" + appKey + ", sellerId=" + sellerId
                + ", country=" + country + ", seed=" + seed + ", initialOrders=" + initialOrders
                + ", backfillSpan=" + backfillSpan + ", liveOrdersPerMinute=" + liveOrdersPerMinute
                + ", maxPageSize=" + maxPageSize + ", offsetCap=" + offsetCap + ", pushes=" + pushes + ", faultShare=" + faultMix.share()
                + ", postingDelay=" + postingDelay + ", payoutDelay=" + payoutDelay + "}";
    }

    public static final class Builder {
        private int port = 0;
        private String host = "127.0.0.1";
        private String appKey = "100200";
        private String appSecret = "sandbox-app-secret";
        private String accessToken = "sandbox-access-token";
        private String refreshToken = "sandbox-refresh-token";
        private String sellerId = "default";
        private String country = "ID";
        private long seed = 42;
        private Clock clock = Clock.systemUTC();
        private int initialOrders = 0;
        private Duration backfillSpan = Duration.ofDays(3);
        private double liveOrdersPerMinute = 0;
        private Duration accessTokenTtl = Duration.ofDays(7);
        private Duration refreshTokenTtl = Duration.ofDays(30);
        private int maxPageSize = 100;
        private int offsetCap = 5000;
        private Duration tickInterval = Duration.ofSeconds(1);
        private int httpThreads = 4;
        private PushSettings pushes = PushSettings.off();
        private FaultMix faultMix = FaultMix.none();
        private Duration postingDelay = Duration.ofDays(1);
        private Duration payoutDelay = Duration.ofDays(3);

        private Builder() {
        }

        public Builder port(int v) { port = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder appKey(String v) { appKey = v; return this; }
        public Builder appSecret(String v) { appSecret = v; return this; }
        public Builder accessToken(String v) { accessToken = v; return this; }
        public Builder refreshToken(String v) { refreshToken = v; return this; }
        public Builder sellerId(String v) { sellerId = v; return this; }
        public Builder country(String v) { country = v == null ? null : v.toUpperCase(Locale.ROOT); return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder initialOrders(int v) { initialOrders = v; return this; }
        public Builder backfillSpan(Duration v) { backfillSpan = v; return this; }
        public Builder liveOrdersPerMinute(double v) { liveOrdersPerMinute = v; return this; }
        public Builder accessTokenTtl(Duration v) { accessTokenTtl = v; return this; }
        public Builder refreshTokenTtl(Duration v) { refreshTokenTtl = v; return this; }
        public Builder maxPageSize(int v) { maxPageSize = v; return this; }
        public Builder offsetCap(int v) { offsetCap = v; return this; }
        public Builder tickInterval(Duration v) { tickInterval = v; return this; }
        public Builder httpThreads(int v) { httpThreads = v; return this; }
        public Builder pushes(PushSettings v) { pushes = v; return this; }
        public Builder faultMix(FaultMix v) { faultMix = v; return this; }
        public Builder postingDelay(Duration v) { postingDelay = v; return this; }
        public Builder payoutDelay(Duration v) { payoutDelay = v; return this; }

        public SandboxSettings build() {
            return new SandboxSettings(this);
        }
    }
}
