package io.lazadapos.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.lazada.AuthorizationRevokedException;
import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaErrorKind;
import io.lazadapos.lazada.LazadaFailures;
import io.lazadapos.lazada.LazadaRequest;
import io.lazadapos.lazada.LazadaTokenException;
import io.lazadapos.lazada.LazadaTokens;
import io.lazadapos.ledger.TokenStore;
import io.lazadapos.ledger.TokenStore.AuthState;
import io.lazadapos.ledger.TokenStore.StoredTokens;

/**
 * The access and refresh token of each seller, kept in the ledger database and refreshed before
 * they lapse: ahead of {@code expires_in}, when Lazada warns (push type 8), and when Lazada refuses
 * the access token. A refused refresh token stops every call for that seller (and only that
 * seller) until its tokens are re-seeded. Tokens are never logged, never answered by the API.
 */
public final class SellerTokens {

    private static final Logger LOG = LoggerFactory.getLogger(SellerTokens.class);

    /** Lazada documents 7 days as the shortest access-token lifetime: assumed when a refresh does not say. */
    static final Duration ASSUMED_LIFETIME = Duration.ofDays(7);

    /** Trades a refresh token for a new pair (Lazada's /auth/token/refresh). */
    @FunctionalInterface
    public interface Refresher {
        LazadaTokens.TokenGrant refresh(String sellerId, String refreshToken);
    }

    /**
     * @param margin       how long before expiry a token is refreshed (Lazada suggests 48 h)
     * @param marginShare  for short-lived tokens, at most this share of the lifetime is given up
     * @param retrySpacing a failed refresh ahead of time (the token still works) is tried again after this
     */
    public record Settings(Duration margin, double marginShare, Duration retrySpacing) {
        public static Settings defaults() {
            return new Settings(Duration.ofHours(48), 0.5, Duration.ofMinutes(1));
        }
    }

    private final TokenStore store;
    private final Refresher refresher;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, StoredTokens> bySeller = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFailedRefresh = new ConcurrentHashMap<>();

    public SellerTokens(TokenStore store, Refresher refresher, Settings settings, Clock clock) {
        this.store = store;
        this.refresher = refresher;
        this.settings = settings;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- seeding

    /**
     * The configured tokens become the seller's on first start. Afterwards the stored ones win
     * (they have been refreshed since), unless {@code reseed} asks for new tokens: then tokens never
     * seeded before replace them (the same tokens twice change nothing, so the flag may stay on).
     * {@code replaceAlways} is for the built-in sandbox, which is new on every start.
     */
    public void seed(String sellerId, String accessToken, String refreshToken, boolean reseed, boolean replaceAlways) {
        if (blank(accessToken) && blank(refreshToken)) {
            load(sellerId);
            if (!bySeller.containsKey(sellerId)) {
                LOG.warn("no Lazada tokens configured or stored for seller {}: set LAZADA_ACCESS_TOKEN and LAZADA_REFRESH_TOKEN", sellerId);
            }
            return;
        }
        String access = accessToken == null ? "" : accessToken;
        String refresh = refreshToken == null ? "" : refreshToken;
        if (store.insertSeed(sellerId, access, refresh)) {
            LOG.info("tokens of seller {} seeded from the configuration", sellerId);
        } else if ((reseed || replaceAlways) && store.reseed(sellerId, access, refresh, replaceAlways)) {
            LOG.info("tokens of seller {} re-seeded from the configuration", sellerId);
        } else {
            LOG.info("tokens of seller {} come from the ledger database (the configured ones were seeded before)", sellerId);
        }
        load(sellerId);
    }

    /**
     * A seller connected through the API with the tokens of its authorization: they become its
     * tokens, replacing any stored ones (the seller authorized the app again).
     */
    public void connect(String sellerId, String accessToken, String refreshToken) {
        if (blank(accessToken) || blank(refreshToken)) {
            throw new IllegalArgumentException("a seller is connected with its access token and its refresh token");
        }
        ReentrantLock lock = lockOf(sellerId);
        lock.lock();
        try {
            if (!store.insertSeed(sellerId, accessToken, refreshToken)) {
                store.reseed(sellerId, accessToken, refreshToken, true);
            }
            lastFailedRefresh.remove(sellerId);
            load(sellerId);
            LOG.info("tokens of seller {} stored from its connection", sellerId);
        } finally {
            lock.unlock();
        }
    }

    /** The seller was disconnected: its tokens leave the ledger, and no call for it goes out. */
    public void forget(String sellerId) {
        ReentrantLock lock = lockOf(sellerId);
        lock.lock();
        try {
            store.delete(sellerId);
            bySeller.remove(sellerId);
            lastFailedRefresh.remove(sellerId);
        } finally {
            lock.unlock();
        }
    }

    /** Drops what this instance remembers of a seller's tokens (another instance disconnected it). */
    public void evict(String sellerId) {
        bySeller.remove(sellerId);
    }

    // ---------------------------------------------------------------- what calls use

    /** The access token to sign a call with; refused for a revoked seller (no call goes out). */
    public String accessToken(String sellerId) {
        StoredTokens t = current(sellerId);
        if (t == null) {
            return null;
        }
        if (t.state() == AuthState.REVOKED) {
            throw new AuthorizationRevokedException(sellerId, "-", t.problem());
        }
        return t.accessToken();
    }

    /** Identifies the tokens a call is signed with: a rejection of older ones needs no refresh. */
    public long version(String sellerId) {
        StoredTokens t = current(sellerId);
        return t == null ? 0 : t.version();
    }

    public boolean canCall(String sellerId) {
        StoredTokens t = current(sellerId);
        return t == null || t.state() == AuthState.ACTIVE;
    }

    /**
     * Before each Lazada call: a revoked seller is not called; a token due for refresh is refreshed
     * first. A refresh ahead of time that fails for a passing reason does not fail the call: the
     * token still works, and the refresh is tried again after {@code retrySpacing}.
     */
    public void beforeCall(LazadaRequest request) {
        if (request.apiPath().startsWith("/auth/")) {
            return;
        }
        String sellerId = request.sellerId();
        StoredTokens t = current(sellerId);
        if (t == null) {
            return;
        }
        if (t.state() == AuthState.REVOKED) {
            throw new AuthorizationRevokedException(sellerId, request.apiPath(), t.problem());
        }
        if (isDue(t) && !recentlyAttempted(sellerId)) {
            refreshAhead(sellerId, true, t.accessIssuedAt() == null ? "seeded token, lifetime unknown until refreshed" : "due before expiry");
        }
    }

    /**
     * Lazada refused the access token (IllegalAccessToken): refresh, unless the tokens changed since
     * the call was signed (another thread or instance refreshed them); the caller retries once.
     */
    public void accessTokenRejected(LazadaRequest request, long versionUsed) {
        String sellerId = request.sellerId();
        ReentrantLock lock = lockOf(sellerId);
        lock.lock();
        try {
            StoredTokens t = load(sellerId);
            if (t == null) {
                throw new AuthorizationRevokedException(sellerId, request.apiPath(), "no tokens configured");
            }
            if (t.version() != versionUsed) {
                LOG.info("tokens of seller {} changed since the refused call was signed; retrying with them", sellerId);
                if (t.state() == AuthState.REVOKED) {
                    throw new AuthorizationRevokedException(sellerId, request.apiPath(), t.problem());
                }
                return;
            }
            LOG.warn("Lazada refused the access token of seller {} on {}; refreshing it", sellerId, request.apiPath());
            refreshLocked(t, "access token refused");
        } finally {
            lock.unlock();
        }
    }

    /**
     * A call answered IllegalRefreshToken or AUTH_TYPE_UNSUPPORTED: the seller's authorization is
     * gone. Marked revoked (unless the tokens changed meanwhile), and the call fails without retry.
     */
    public void authorizationRejected(LazadaRequest request, long versionUsed, Throwable error) {
        String sellerId = request.sellerId();
        ReentrantLock lock = lockOf(sellerId);
        lock.lock();
        try {
            StoredTokens t = load(sellerId);
            if (t != null && t.version() == versionUsed && t.state() == AuthState.ACTIVE) {
                revokeLocked(t, reasonOf(error));
            }
        } finally {
            lock.unlock();
        }
        // The Lazada error itself goes on (not Camel's wrapper around it).
        LazadaApiException lazada = LazadaFailures.lazadaError(error);
        if (lazada != null) {
            throw lazada;
        }
        if (error instanceof RuntimeException r) {
            throw r;
        }
        throw new IllegalStateException(error);
    }

    // ---------------------------------------------------------------- refreshes on request

    /**
     * Lazada warned that the authorization ends soon (push type 8), or an operator asked: refresh now,
     * unless a refresh happened within the last {@code 10 minutes} (pushes come more than once).
     * Answers whether a refresh was made.
     */
    public boolean refreshRequested(String sellerId) {
        if (blank(sellerId)) {
            throw new IllegalArgumentException("a token refresh needs a seller id");
        }
        StoredTokens t = load(sellerId);
        if (t == null) {
            throw new IllegalArgumentException("no tokens known for seller " + sellerId);
        }
        if (t.state() == AuthState.REVOKED) {
            LOG.warn("token refresh requested for seller {}, whose authorization is revoked: the seller must authorize again", sellerId);
            return false;
        }
        if (t.accessIssuedAt() != null && t.accessIssuedAt().plus(Duration.ofMinutes(10)).isAfter(clock.instant())) {
            LOG.info("token refresh requested for seller {}: refreshed at {} already", sellerId, t.accessIssuedAt());
            return false;
        }
        return refreshAhead(sellerId, false, "requested");
    }

    /** For the token-refresh-requested route: the seller from the header, else from the body. */
    public boolean refreshRequested(String sellerIdHeader, Object body) {
        String sellerId = sellerIdHeader;
        if (blank(sellerId) && body instanceof Map<?, ?> m) {
            Object v = m.get("sellerId") != null ? m.get("sellerId") : m.get("seller_id");
            sellerId = v == null ? null : v.toString();
        } else if (blank(sellerId) && body != null && !(body instanceof Map<?, ?>)) {
            sellerId = body.toString().trim();
        }
        return refreshRequested(sellerId);
    }

    /** For the periodic check: every seller whose token is due (re-read from the database first). */
    public int refreshDue() {
        int refreshed = 0;
        for (StoredTokens t : store.all()) {
            bySeller.put(t.sellerId(), t);
            if (t.state() == AuthState.ACTIVE && isDue(t) && !recentlyAttempted(t.sellerId())) {
                try {
                    if (refreshAhead(t.sellerId(), true, "due before expiry")) {
                        refreshed++;
                    }
                } catch (AuthorizationRevokedException revoked) {
                    // Recorded and shown by the health check; the other sellers go on.
                }
            }
        }
        return refreshed;
    }

    // ---------------------------------------------------------------- what the console and health read

    public SellerAuthorization authorization(String sellerId) {
        StoredTokens t = current(sellerId);
        if (t == null) {
            return new SellerAuthorization(sellerId, "NOT_CONFIGURED", "no tokens configured", null, null, null, null);
        }
        return view(t);
    }

    public List<SellerAuthorization> authorizations() {
        List<SellerAuthorization> out = new ArrayList<>();
        for (StoredTokens t : store.all()) {
            bySeller.put(t.sellerId(), t);
            out.add(view(t));
        }
        return out;
    }

    /** When a token is refreshed ahead of expiry: {@code margin} before, at most {@code marginShare} of its lifetime. */
    public Instant refreshDueAt(StoredTokens t) {
        if (t.accessIssuedAt() == null) {
            // Seeded: its lifetime is unknown until the first refresh tells.
            return t.updatedAt() == null ? Instant.EPOCH : t.updatedAt();
        }
        Instant expires = t.accessExpiresAt() != null ? t.accessExpiresAt() : t.accessIssuedAt().plus(ASSUMED_LIFETIME);
        Duration lifetime = Duration.between(t.accessIssuedAt(), expires);
        Duration shareOfLifetime = Duration.ofMillis((long) (Math.max(0, lifetime.toMillis()) * settings.marginShare()));
        Duration margin = settings.margin().compareTo(shareOfLifetime) < 0 ? settings.margin() : shareOfLifetime;
        return expires.minus(margin);
    }

    // ---------------------------------------------------------------- inside

    private SellerAuthorization view(StoredTokens t) {
        return new SellerAuthorization(t.sellerId(), t.state().name(), t.problem(), t.accessIssuedAt(), t.accessExpiresAt(),
                t.refreshExpiresAt(), t.state() == AuthState.ACTIVE && !blank(t.refreshToken()) ? refreshDueAt(t) : null);
    }

    private boolean isDue(StoredTokens t) {
        return !blank(t.refreshToken()) && !clock.instant().isBefore(refreshDueAt(t));
    }

    private boolean recentlyAttempted(String sellerId) {
        Instant last = lastFailedRefresh.get(sellerId);
        return last != null && last.plus(settings.retrySpacing()).isAfter(clock.instant());
    }

    /** A refresh while the token still works: passing failures are logged, not thrown. */
    private boolean refreshAhead(String sellerId, boolean onlyWhenDue, String why) {
        ReentrantLock lock = lockOf(sellerId);
        lock.lock();
        try {
            StoredTokens t = load(sellerId);
            if (t == null || t.state() != AuthState.ACTIVE) {
                return false;
            }
            if (onlyWhenDue && !isDue(t)) {
                return false; // refreshed meanwhile by another thread or instance
            }
            try {
                refreshLocked(t, why);
                lastFailedRefresh.remove(sellerId);
                return true;
            } catch (AuthorizationRevokedException revoked) {
                throw revoked;
            } catch (RuntimeException e) {
                lastFailedRefresh.put(sellerId, clock.instant());
                LOG.warn("refreshing the tokens of seller {} ahead of expiry failed ({}); the current token is used and the refresh "
                        + "is tried again in {}", sellerId, e.getMessage(), settings.retrySpacing());
                return false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls Lazada and stores the new pair over the version refreshed; under the seller's lock. */
    private void refreshLocked(StoredTokens t, String why) {
        String sellerId = t.sellerId();
        if (blank(t.refreshToken())) {
            revokeLocked(t, "no refresh token configured");
            throw new AuthorizationRevokedException(sellerId, LazadaTokens.REFRESH_API, "no refresh token configured");
        }
        LazadaTokens.TokenGrant grant;
        try {
            grant = refresher.refresh(sellerId, t.refreshToken());
        } catch (LazadaTokenException e) {
            if (e instanceof AuthorizationRevokedException || e.kind() == LazadaErrorKind.REFRESH_TOKEN_INVALID) {
                StoredTokens now = load(sellerId);
                if (now != null && now.version() != t.version() && now.state() == AuthState.ACTIVE) {
                    LOG.info("tokens of seller {} were refreshed elsewhere meanwhile; using those", sellerId);
                    return;
                }
                revokeLocked(now == null ? t : now, reasonOf(e));
                throw new AuthorizationRevokedException(sellerId, LazadaTokens.REFRESH_API, reasonOf(e));
            }
            throw e;
        }
        Instant issued = clock.instant();
        Instant expires = grant.expiresIn() == null ? null : issued.plus(grant.expiresIn());
        Instant refreshExpires = grant.refreshExpiresIn() == null ? null : issued.plus(grant.refreshExpiresIn());
        if (!store.storeRefreshed(sellerId, t.version(), grant.accessToken(), grant.refreshToken(), issued, expires, refreshExpires)) {
            // The row changed while we asked Lazada; these tokens are the newest Lazada issued, so they win.
            StoredTokens now = store.find(sellerId).orElseThrow();
            LOG.warn("tokens of seller {} changed while refreshing; storing the new ones over version {}", sellerId, now.version());
            store.storeRefreshed(sellerId, now.version(), grant.accessToken(), grant.refreshToken(), issued, expires, refreshExpires);
        }
        StoredTokens stored = load(sellerId);
        LOG.info("tokens of seller {} refreshed ({}); access token expires {}, next refresh from {}", sellerId, why,
                expires == null ? "at an unknown time" : "at " + expires, stored == null ? "?" : refreshDueAt(stored));
    }

    private void revokeLocked(StoredTokens t, String reason) {
        store.markRevoked(t.sellerId(), t.version(), reason);
        load(t.sellerId());
        LOG.error("authorization of seller {} is revoked ({}): calls for this seller stop until the seller authorizes the app "
                + "again and its tokens are re-seeded (LAZADA_TOKENS_RESEED=true with the new tokens)", t.sellerId(), reason);
    }

    private StoredTokens current(String sellerId) {
        StoredTokens t = bySeller.get(sellerId);
        return t != null ? t : load(sellerId);
    }

    private StoredTokens load(String sellerId) {
        StoredTokens t = store.find(sellerId).orElse(null);
        if (t == null) {
            bySeller.remove(sellerId);
        } else {
            bySeller.put(sellerId, t);
        }
        return t;
    }

    private ReentrantLock lockOf(String sellerId) {
        return locks.computeIfAbsent(sellerId, s -> new ReentrantLock());
    }

    private static String reasonOf(Throwable e) {
        LazadaApiException l = LazadaFailures.lazadaError(e);
        if (l != null) {
            return (l.code() == null ? l.kind().name() : l.code()) + " on " + l.apiPath();
        }
        return e == null ? "unknown" : e.getClass().getSimpleName();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "SellerTokens" + bySeller.keySet();
    }
}
