package io.lazadapos.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderView;
import io.lazadapos.sandbox.SandboxSettings;
import io.lazadapos.sync.SellerAuthorization;
import io.lazadapos.sync.SellerTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seller's tokens over real HTTP: a token that lapses mid-run is refreshed and the sync goes
 * on; the new refresh token is what a restart uses; a revoked authorization stops the calls for
 * that seller, says why in the health check, and causes no storm of retries.
 */
class TokenLifecycleTest {

    private static final String SELLER = "default";

    private static Map<String, String> pointedAt(LazadaSandbox lazada, Path dir) {
        Map<String, String> settings = RunningApp.defaults();
        // A ledger kept across the restart: a file database on HSQLDB, the same schema on PostgreSQL.
        settings.putAll(TestDatabase.durable(dir));
        settings.put("lazada.api-url", lazada.baseUrl());
        settings.put("lazada.country", "ID");
        settings.put("lazada.app-key", lazada.settings().appKey());
        settings.put("lazada.app-secret", lazada.settings().appSecret());
        settings.put("lazada.access-token", lazada.settings().accessToken());
        settings.put("lazada.refresh-token", lazada.settings().refreshToken());
        settings.put("lazada.page-size", "20");
        settings.put("lazada.items-batch-size", "10");
        return settings;
    }

    private static String stored(RunningApp app, String column) {
        return app.jdbc().queryForObject("SELECT " + column + " FROM seller_token WHERE seller_id = ?", String.class, SELLER);
    }

    /** The last access and refresh token the sandbox issued: the only ones it still takes. */
    private static List<String> current(LazadaSandbox lazada) {
        List<String> issued = lazada.issuedTokens();
        return issued.subList(issued.size() - 2, issued.size());
    }

    @Test
    void aTokenLapsingMidRunIsRefreshedAndTheNewRefreshTokenSurvivesARestart(@TempDir Path dir) {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (LazadaSandbox lazada = LazadaSandbox.start(SandboxSettings.defaults().withClock(lazadaClock))) {
            lazada.generateBackfill(300);
            Map<String, String> settings = pointedAt(lazada, dir);
            try (RunningApp app = RunningApp.start(settings)) {
                // Lazada lets the access token lapse in the middle of the backfill.
                lazada.expireAccessTokenAfterCalls(SELLER, 12);
                app.pollNow();
                LedgerChecks.assertLedgerMatchesTruth(app, lazada.orders());
                // One refresh learns the seeded token's lifetime, one replaces the token that lapsed.
                assertThat(lazada.apiCalls("/auth/token/refresh")).isEqualTo(2);
                assertThat(List.of(stored(app, "access_token"), stored(app, "refresh_token"))).isEqualTo(current(lazada));
            }

            // Restarted with the same (long dead) tokens in its configuration: it uses the stored pair.
            lazadaClock.advance(Duration.ofMinutes(5));
            List<SandboxOrderView> orders = lazada.orders();
            for (int i = 0; i < 10; i++) {
                if (orders.get(i).statuses().equals(List.of("pending"))) {
                    lazada.setOrderStatus(orders.get(i).orderId(), "ready_to_ship");
                }
            }
            try (RunningApp app = RunningApp.start(settings)) {
                app.pollNow();
                LedgerChecks.assertLedgerMatchesTruth(app, lazada.orders());
                assertThat(lazada.apiCalls("/auth/token/refresh")).as("no refresh needed after the restart").isEqualTo(2);
                SellerTokens tokens = app.context().getRegistry().lookupByNameAndType("sellerTokens", SellerTokens.class);
                assertThat(tokens.authorization(SELLER).state()).isEqualTo("ACTIVE");
                assertThat(tokens.authorization(SELLER).nextRefreshAt()).isAfter(java.time.Instant.now().plus(Duration.ofDays(4)));
            }
        }
    }

    @Test
    void aRevokedAuthorizationTurnsHealthDownWithTheReasonAndCausesNoRetryStorm() {
        Map<String, String> settings = RunningApp.defaults();
        // The timer polls every 200 ms: a storm would show at once.
        settings.put("lazada.poll-enabled", "true");
        settings.put("lazada.poll-interval", "200ms");
        settings.put("lazada.poll-delay", "0s");
        try (RunningApp app = RunningApp.start(settings)) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(30);
            await().atMost(Duration.ofMinutes(1)).until(() -> app.count("SELECT COUNT(*) FROM pos_order") == 30);
            assertThat(app.get("/observe/health").statusCode()).isEqualTo(200);

            lazada.revokeAuthorization(SELLER);
            lazada.resetCounters();
            SellerTokens tokens = app.context().getRegistry().lookupByNameAndType("sellerTokens", SellerTokens.class);
            await().atMost(Duration.ofMinutes(1)).until(() -> "REVOKED".equals(tokens.authorization(SELLER).state()));
            SellerAuthorization a = tokens.authorization(SELLER);
            assertThat(a.problem()).isEqualTo("IllegalRefreshToken on /auth/token/refresh");

            // The timer keeps ticking, pushes and operators keep asking: Lazada hears nothing more.
            app.template().sendBodyAndHeader("direct:token-refresh-requested", null, "sellerId", SELLER);
            app.pollNow();
            app.fetchAndSync(SELLER, lazada.orders().get(0).orderId(), "push");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> lazada.apiCallCounts()
                    .values().stream().mapToLong(Long::longValue).sum() <= 2);
            // One call refused (GetOrders or the returns poll, whichever the timer was at), one refused refresh.
            assertThat(lazada.apiCallCounts()).containsEntry("/auth/token/refresh", 1L);
            assertThat(lazada.apiCallCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

            assertThat(app.get("/observe/health").statusCode()).isEqualTo(503);
            HttpResponse<String> health = app.get("/observe/health?exposureLevel=full");
            LoggerFactory.getLogger(TokenLifecycleTest.class).info("health while revoked: {}", health.body().replaceAll("\\s+", " "));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("DOWN").contains("must authorize the app again").contains("IllegalRefreshToken");
            // Everything else keeps running: the read API answers.
            assertThat(app.json("/api/orders?limit=1").get("total").asInt()).isEqualTo(30);
        }
    }

    @Test
    void aPushOfType8RefreshesTheSellersTokensOnce() {
        try (RunningApp app = RunningApp.start()) {
            LazadaSandbox lazada = app.sandbox();
            app.template().sendBodyAndHeader("direct:token-refresh-requested", null, "sellerId", SELLER);
            assertThat(lazada.apiCalls("/auth/token/refresh")).isEqualTo(1);
            // Lazada pushes the warning more than once: a refresh a moment ago is enough.
            app.template().sendBody("direct:token-refresh-requested", SELLER);
            assertThat(lazada.apiCalls("/auth/token/refresh")).isEqualTo(1);
            assertThat(app.jdbc().queryForObject("SELECT access_token FROM seller_token", String.class))
                    .isEqualTo(lazada.issuedTokens().get(lazada.issuedTokens().size() - 2));
        }
    }
}
