package io.lazadapos.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.it.TestClock;
import io.lazadapos.lazada.AuthorizationRevokedException;
import io.lazadapos.lazada.LazadaApiException;
import io.lazadapos.lazada.LazadaErrorKind;
import io.lazadapos.lazada.LazadaRequest;
import io.lazadapos.lazada.LazadaTokens.TokenGrant;
import io.lazadapos.ledger.TokenStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token lifecycle against a real ledger schema, with Lazada's refresh played by a fake. */
class SellerTokensTest {

    private static final String SELLER = "s1";
    private static final LazadaRequest ORDERS = LazadaRequest.of(SELLER, "/orders/get", Map.of());

    /** Lazada's refresh: rotates both tokens, the old refresh token stops working. */
    private static final class FakeLazada implements SellerTokens.Refresher {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger callsForS1 = new AtomicInteger();
        /** The refresh token Lazada takes for seller s1 (other sellers: theirs as seeded). */
        volatile String validRefresh = "R0";
        volatile Duration expiresIn = Duration.ofDays(7);
        volatile RuntimeException failure;
        volatile long slowMillis;

        @Override
        public TokenGrant refresh(String sellerId, String refreshToken) {
            int n = calls.incrementAndGet();
            if (slowMillis > 0) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            synchronized (this) {
                if (!SELLER.equals(sellerId)) {
                    return new TokenGrant("B" + n, "Q" + n, expiresIn, Duration.ofDays(30));
                }
                callsForS1.incrementAndGet();
                if (!refreshToken.equals(validRefresh)) {
                    throw LazadaApiException.of(LazadaErrorKind.REFRESH_TOKEN_INVALID, "/auth/token/refresh", "IllegalRefreshToken",
                            "invalid", null, null);
                }
                validRefresh = "R" + n;
                return new TokenGrant("A" + n, "R" + n, expiresIn, Duration.ofDays(30));
            }
        }
    }

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TestClock clock;
    private FakeLazada lazada;

    @BeforeEach
    void ledger() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:hsqldb:mem:tokens-" + UUID.randomUUID() + ";hsqldb.tx=mvcc");
        dataSource.setUsername("SA");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        clock = new TestClock(Instant.parse("2026-11-30T00:00:00Z"));
        lazada = new FakeLazada();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private SellerTokens tokens() {
        return new SellerTokens(new TokenStore(jdbc, clock), lazada, SellerTokens.Settings.defaults(), clock);
    }

    private SellerTokens started(String access, String refresh, boolean reseed) {
        SellerTokens t = tokens();
        t.seed(SELLER, access, refresh, reseed, false);
        return t;
    }

    private String storedRefreshToken() {
        return jdbc.queryForObject("SELECT refresh_token FROM seller_token WHERE seller_id = ?", String.class, SELLER);
    }

    @Test
    void aSeededTokenIsRefreshedOnFirstUseAndTheStoredPairOutlivesARestart() {
        SellerTokens first = started("A0", "R0", false);
        assertThat(first.accessToken(SELLER)).isEqualTo("A0");
        first.beforeCall(ORDERS);
        assertThat(lazada.calls).hasValue(1);
        assertThat(first.accessToken(SELLER)).isEqualTo("A1");
        assertThat(storedRefreshToken()).isEqualTo("R1");

        // A restart with the same configuration: the environment does not overwrite the refreshed pair.
        SellerTokens second = started("A0", "R0", false);
        assertThat(second.accessToken(SELLER)).isEqualTo("A1");
        second.beforeCall(ORDERS);
        assertThat(lazada.calls).as("not due for days").hasValue(1);
    }

    @Test
    void aReseedAppliesNewTokensOnceEvenWhenTheFlagStaysOn() {
        started("A0", "R0", false).beforeCall(ORDERS);
        lazada.validRefresh = "R9";
        SellerTokens reseeded = started("A9", "R9", true);
        assertThat(reseeded.accessToken(SELLER)).isEqualTo("A9");
        reseeded.beforeCall(ORDERS);
        assertThat(reseeded.accessToken(SELLER)).isEqualTo("A2");

        SellerTokens again = started("A9", "R9", true);
        assertThat(again.accessToken(SELLER)).as("the same seed twice changes nothing").isEqualTo("A2");
    }

    @Test
    void theAccessTokenIsRefreshedAheadOfItsExpiryByTheMarginOrAShareOfShortLifetimes() {
        SellerTokens tokens = started("A0", "R0", false);
        tokens.beforeCall(ORDERS);
        Instant refreshed = clock.instant();
        assertThat(tokens.authorization(SELLER).nextRefreshAt()).isEqualTo(refreshed.plus(Duration.ofDays(5)));

        clock.advance(Duration.ofDays(5).minusSeconds(1));
        tokens.beforeCall(ORDERS);
        assertThat(lazada.calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        tokens.beforeCall(ORDERS);
        assertThat(lazada.calls).hasValue(2);

        // A 60 s token: refreshed after half its life, not 48 h before it was even issued.
        lazada.expiresIn = Duration.ofSeconds(60);
        clock.advance(Duration.ofDays(5));
        tokens.beforeCall(ORDERS);
        assertThat(lazada.calls).hasValue(3);
        assertThat(tokens.authorization(SELLER).nextRefreshAt()).isEqualTo(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        tokens.beforeCall(ORDERS);
        assertThat(lazada.calls).hasValue(3);
        clock.advance(Duration.ofSeconds(1));
        tokens.beforeCall(ORDERS);
        assertThat(lazada.calls).hasValue(4);
    }

    @Test
    void manyCallsRefusedTogetherCauseOneRefresh() throws Exception {
        SellerTokens tokens = started("A0", "R0", false);
        tokens.beforeCall(ORDERS);
        long version = tokens.version(SELLER);
        lazada.slowMillis = 50;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(pool.submit(() -> {
                go.await();
                tokens.accessTokenRejected(ORDERS, version);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(20, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(lazada.calls).as("one seeded refresh, one after the refusal").hasValue(2);
        assertThat(tokens.accessToken(SELLER)).isEqualTo("A2");
        assertThat(tokens.authorization(SELLER).state()).isEqualTo("ACTIVE");
    }

    @Test
    void tokensRefreshedByAnotherInstanceAreAdoptedWithoutARefresh() {
        SellerTokens one = started("A0", "R0", false);
        SellerTokens two = started("A0", "R0", false);
        one.beforeCall(ORDERS);
        long twoSigned = two.version(SELLER);
        // Instance two signed with the seeded token, which Lazada no longer takes.
        two.accessTokenRejected(ORDERS, twoSigned);
        assertThat(lazada.calls).hasValue(1);
        assertThat(two.accessToken(SELLER)).isEqualTo("A1");

        // Both find the token due at once: the second refresh fails with the old refresh token, and adopts the first one's pair.
        clock.advance(Duration.ofDays(6));
        one.beforeCall(ORDERS);
        lazada.validRefresh = "R2";
        two.accessTokenRejected(ORDERS, twoSigned);
        assertThat(two.authorization(SELLER).state()).isEqualTo("ACTIVE");
        assertThat(two.accessToken(SELLER)).isEqualTo("A2");
    }

    @Test
    void aRefusedRefreshTokenStopsCallsForThatSellerOnlyAndSaysWhy() {
        SellerTokens tokens = started("A0", "R0", false);
        tokens.seed("s2", "B0", "Q0", false, false);
        tokens.beforeCall(ORDERS);
        tokens.beforeCall(LazadaRequest.of("s2", "/orders/get", Map.of()));
        lazada.validRefresh = "revoked by the seller";

        assertThatThrownBy(() -> tokens.accessTokenRejected(ORDERS, tokens.version(SELLER)))
                .isInstanceOf(AuthorizationRevokedException.class).hasMessageContaining("IllegalRefreshToken");
        SellerAuthorization a = tokens.authorization(SELLER);
        assertThat(a.state()).isEqualTo("REVOKED");
        assertThat(a.problem()).contains("IllegalRefreshToken");
        assertThat(tokens.canCall(SELLER)).isFalse();
        assertThat(tokens.canCall("s2")).isTrue();

        int before = lazada.callsForS1.get();
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> tokens.beforeCall(ORDERS)).isInstanceOf(AuthorizationRevokedException.class);
            assertThatThrownBy(() -> tokens.accessToken(SELLER)).isInstanceOf(AuthorizationRevokedException.class);
        }
        clock.advance(Duration.ofDays(10));
        assertThat(tokens.refreshDue()).as("the other seller's token only").isEqualTo(1);
        assertThat(tokens.refreshRequested(SELLER)).isFalse();
        assertThat(lazada.callsForS1).as("no retry storm").hasValue(before);

        // The seller authorizes again; a re-seed brings the calls back.
        lazada.validRefresh = "R7";
        SellerTokens restarted = started("A7", "R7", true);
        assertThat(restarted.canCall(SELLER)).isTrue();
        assertThat(restarted.accessToken(SELLER)).isEqualTo("A7");
    }

    @Test
    void aPassingFailureOfARefreshAheadOfTimeLeavesTheCallAloneAndIsRetriedLater() {
        SellerTokens tokens = started("A0", "R0", false);
        lazada.failure = LazadaApiException.of(LazadaErrorKind.TRANSIENT, "/auth/token/refresh", "HTTP 503", "down", null, null);
        tokens.beforeCall(ORDERS);
        tokens.beforeCall(ORDERS);
        assertThat(lazada.calls).as("once per retry spacing").hasValue(1);
        assertThat(tokens.accessToken(SELLER)).isEqualTo("A0");
        lazada.failure = null;
        clock.advance(Duration.ofMinutes(1));
        tokens.beforeCall(ORDERS);
        assertThat(lazada.calls).hasValue(2);
        assertThat(tokens.accessToken(SELLER)).isEqualTo("A2");
    }

    @Test
    void aRequestedRefreshRefreshesUnlessOneJustHappened() {
        SellerTokens tokens = started("A0", "R0", false);
        assertThat(tokens.refreshRequested(null, Map.of("seller_id", SELLER))).isTrue();
        assertThat(tokens.refreshRequested(SELLER, null)).as("a duplicate push").isFalse();
        clock.advance(Duration.ofMinutes(11));
        assertThat(tokens.refreshRequested(null, SELLER)).isTrue();
        assertThat(lazada.calls).hasValue(2);
        assertThatThrownBy(() -> tokens.refreshRequested("nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusedAccessTokenIsRefreshedAndTheCallMadeOnceMore() {
        SellerTokens tokens = started("A0", "R0", false);
        tokens.beforeCall(ORDERS);
        AtomicInteger calls = new AtomicInteger();
        AuthorizedGateway gateway = new AuthorizedGateway(request -> {
            calls.incrementAndGet();
            if (!"A2".equals(tokens.accessToken(SELLER))) {
                throw LazadaApiException.of(LazadaErrorKind.ACCESS_TOKEN_INVALID, request.apiPath(), "IllegalAccessToken", "expired", null, null);
            }
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }, tokens);
        assertThat(gateway.call(ORDERS)).isNotNull();
        assertThat(calls).hasValue(2);
        assertThat(lazada.calls).hasValue(2);

        // Refused again right after the refresh: no loop, the error goes to the caller.
        AuthorizedGateway refusing = new AuthorizedGateway(request -> {
            throw LazadaApiException.of(LazadaErrorKind.ACCESS_TOKEN_INVALID, request.apiPath(), "IllegalAccessToken", "expired", null, null);
        }, tokens);
        assertThatThrownBy(() -> refusing.call(ORDERS)).hasMessageContaining("IllegalAccessToken");
        assertThat(lazada.calls).hasValue(3);

        AuthorizedGateway unauthorized = new AuthorizedGateway(request -> {
            throw LazadaApiException.of(LazadaErrorKind.REFRESH_TOKEN_INVALID, request.apiPath(), "AUTH_TYPE_UNSUPPORTED", "no", null, null);
        }, tokens);
        assertThatThrownBy(() -> unauthorized.call(ORDERS)).hasMessageContaining("AUTH_TYPE_UNSUPPORTED");
        assertThat(tokens.authorization(SELLER).state()).isEqualTo("REVOKED");
        assertThat(tokens.authorization(SELLER).problem()).contains("AUTH_TYPE_UNSUPPORTED");
    }

    @Test
    void storedRowsAndViewsNeverShowTheTokens() {
        SellerTokens tokens = started("A0-secret-access", "R0", false);
        assertThat(new TokenStore(jdbc, clock).find(SELLER).orElseThrow().toString()).doesNotContain("A0-secret-access", "R0");
        assertThat(tokens.authorization(SELLER).toString()).doesNotContain("A0-secret-access", "R0");
        assertThat(LazadaRequest.of(SELLER, "/auth/token/refresh", Map.of("refresh_token", "R0-secret")).toString())
                .doesNotContain("R0-secret");
    }
}
