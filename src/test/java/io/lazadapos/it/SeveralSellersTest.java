package io.lazadapos.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxOrderView;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several sellers in one runtime: sellers connected and disconnected through /api/sellers, each
 * polled on its own watermark into the same ledger under its own seller id, pushes routed by
 * their seller_id, the views filtered by ?seller=, and an order id two sellers share.
 */
class SeveralSellersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String B = "shop-b";
    private static final String C = "shop-c";

    private RunningApp app;
    private LazadaSandbox lazada;
    private TestClock lazadaClock;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void start(Map<String, String> overrides) {
        Map<String, String> settings = RunningApp.defaults();
        settings.putAll(overrides);
        lazadaClock = TestClock.anHourAgo();
        app = RunningApp.start(settings, Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
    }

    private static Map<String, String> polling() {
        return Map.of("lazada.poll-enabled", "true", "lazada.poll-interval", "300ms", "lazada.poll-delay", "0s",
                "lazada.sellers-refresh-interval", "500ms");
    }

    private static String connectBody(String sellerId, String name, String accessToken, String refreshToken) {
        return "{\"sellerId\":\"" + sellerId + "\",\"country\":\"ID\",\"name\":\"" + name + "\",\"accessToken\":\"" + accessToken
                + "\",\"refreshToken\":\"" + refreshToken + "\"}";
    }

    private HttpResponse<String> connect(String sellerId, String accessToken, String refreshToken) {
        return ApiCalls.post(app, "/api/sellers", connectBody(sellerId, "Shop " + sellerId, accessToken, refreshToken));
    }

    private long orders(String sellerId) {
        return app.count("SELECT COUNT(*) FROM pos_order WHERE seller_id = ?", sellerId);
    }

    private Instant watermark(String sellerId) {
        List<String> v = app.jdbc().queryForList("SELECT state_value FROM sync_state WHERE seller_id = ? AND state_key = 'poll.watermark'",
                String.class, sellerId);
        return v.isEmpty() ? null : Instant.parse(v.get(0));
    }

    private static Instant latestUpdate(List<SandboxOrderView> orders) {
        return orders.stream().map(SandboxOrderView::updatedAt).max(Instant::compareTo).orElseThrow().truncatedTo(ChronoUnit.SECONDS);
    }

    /** Every token the sandbox issued (the configured ones and their refreshed successors) and the app secret. */
    private void assertNoSecretIn(String answer) {
        Set<String> secrets = new HashSet<>(lazada.issuedTokens());
        secrets.addAll(List.of("b-access-token-1", "b-refresh-token-1", "c-access-token-1", "c-refresh-token-1",
                lazada.settings().accessToken(), lazada.settings().refreshToken(), lazada.settings().appSecret()));
        for (String secret : secrets) {
            assertThat(answer).as("an answer of /api/sellers").doesNotContain(secret);
        }
    }

    @Test
    void sellersConnectedThroughTheApiArePolledIntoTheLedgerUnderTheirOwnIdEachOnItsOwnWatermark() {
        start(polling());
        lazada.addSeller(B, "b-access-token-1", "b-refresh-token-1");
        lazada.addSeller(C, "c-access-token-1", "c-refresh-token-1");
        lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        for (int i = 0; i < 3; i++) {
            lazadaClock.tick();
            lazada.createOrder(SandboxOrderSpec.builder().sellerId(B).items(2).status(i == 0 ? "pending" : "delivered").build());
        }
        // C's orders are changed later than B's: the two watermarks differ.
        lazadaClock.advance(Duration.ofMinutes(5));
        lazada.createOrder(SandboxOrderSpec.builder().sellerId(C).items(3).status("ready_to_ship").build());
        lazadaClock.tick();
        lazada.createOrder(SandboxOrderSpec.builder().sellerId(C).items(1).status("unpaid").build());

        await().atMost(PATIENCE).until(() -> orders("default") == 1);
        assertThat(orders(B)).as("seller B is not connected yet").isZero();

        HttpResponse<String> b = connect(B, "b-access-token-1", "b-refresh-token-1");
        assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
        assertThat(ApiCalls.json(b).get("connection").asText()).isEqualTo("new");
        assertNoSecretIn(b.body());
        HttpResponse<String> c = connect(C, "c-access-token-1", "c-refresh-token-1");
        assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
        assertNoSecretIn(c.body());
        assertThat(connect(C, "c-access-token-1", "c-refresh-token-1").statusCode()).as("connected already").isEqualTo(409);

        await().atMost(PATIENCE).until(() -> orders(B) == 3 && orders(C) == 2);
        for (String seller : List.of(B, C)) {
            for (SandboxOrderView truth : lazada.orders(seller)) {
                JsonNode o = app.json("/api/orders/" + truth.orderId() + "?seller=" + seller);
                assertThat(o.get("sellerId").asText()).isEqualTo(seller);
                LedgerTruth.assertMatches(o, truth);
                // Without ?seller= an id only one seller holds is found all the same.
                assertThat(app.order(truth.orderId()).get("sellerId").asText()).isEqualTo(seller);
            }
        }
        assertThat(app.count("SELECT COUNT(*) FROM order_line WHERE seller_id = ?", C)).isEqualTo(4);
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();

        // Each seller's poll moved its own watermark to its own latest Lazada update.
        await().atMost(PATIENCE).until(() -> latestUpdate(lazada.orders(B)).equals(watermark(B))
                && latestUpdate(lazada.orders(C)).equals(watermark(C)));
        assertThat(watermark(B)).isBefore(watermark(C));

        // The list: three active sellers, the connected ones with their orders and poll state, no token anywhere.
        HttpResponse<String> list = app.get("/api/sellers");
        assertThat(list.statusCode()).isEqualTo(200);
        assertNoSecretIn(list.body());
        JsonNode sellers = ApiCalls.json(list).get("sellers");
        assertThat(sellers).extracting(s -> s.get("sellerId").asText()).containsExactly("default", B, C);
        JsonNode one = app.json("/api/sellers/" + B);
        assertThat(one.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(one.get("orders").asLong()).isEqualTo(3);
        assertThat(one.at("/poll/watermark").asText()).isEqualTo(watermark(B).toString());
        assertNoSecretIn(app.get("/api/sellers/" + C).body());
        assertThat(app.get("/api/sellers/nobody").statusCode()).isEqualTo(404);

        // The listing views, one seller at a time.
        JsonNode page = app.json("/api/orders?seller=" + B);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("orders")).allSatisfy(o -> assertThat(o.get("sellerId").asText()).isEqualTo(B));
        assertThat(app.json("/api/orders").get("total").asLong()).isEqualTo(6);
        for (String seller : List.of(B, C)) {
            JsonNode newOrders = app.json("/api/orders?tab=NEW_ORDER&seller=" + seller);
            assertThat(newOrders.get("total").asLong())
                    .isEqualTo(app.count("SELECT COUNT(*) FROM pos_order WHERE tab = 'NEW_ORDER' AND seller_id = ?", seller));
            assertThat(newOrders.get("orders")).allSatisfy(o -> assertThat(o.get("sellerId").asText()).isEqualTo(seller));
        }
        assertThat(app.json("/api/tabs?seller=" + C).toString()).isNotEqualTo(app.json("/api/tabs?seller=" + B).toString());

        // Disconnected: B's tokens leave the ledger, its polls stop, its orders stay.
        // (The tokens B holds now, refreshed since the connection: what B authorizes the app with again below.)
        Map<String, Object> current = app.jdbc().queryForMap("SELECT access_token, refresh_token FROM seller_token WHERE seller_id = ?", B);
        HttpResponse<String> gone = ApiCalls.call(app, "DELETE", "/api/sellers/" + B, null);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
        assertThat(ApiCalls.json(gone).get("status").asText()).isEqualTo("DISCONNECTED");
        assertNoSecretIn(gone.body());
        assertThat(app.count("SELECT COUNT(*) FROM seller_token WHERE seller_id = ?", B)).isZero();
        Instant bWatermark = watermark(B);
        lazadaClock.advance(Duration.ofMinutes(1));
        String lateB = lazada.createOrder(SandboxOrderSpec.builder().sellerId(B).items(1).status("pending").build());
        String firstB = lazada.orders(B).get(0).orderId();
        lazada.setOrderStatus(firstB, "canceled");
        // A change of C made after B's: once C's poll has it, a poll of B would have had B's too.
        lazadaClock.tick();
        String lateC = lazada.createOrder(SandboxOrderSpec.builder().sellerId(C).items(1).status("pending").build());
        await().atMost(PATIENCE).until(() -> orders(C) == 3);
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> orders(B) == 3);
        assertThat(app.get("/api/orders/" + lateB).statusCode()).isEqualTo(404);
        assertThat(app.json("/api/orders/" + firstB + "?seller=" + B).get("stage").asText()).isNotEqualTo("CANCELED");
        assertThat(watermark(B)).isEqualTo(bWatermark);
        assertThat(app.json("/api/orders/" + lateC).get("sellerId").asText()).isEqualTo(C);
        assertThat(app.json("/api/sellers?status=disconnected").get("sellers")).extracting(s -> s.get("sellerId").asText())
                .containsExactly(B);
        assertThat(app.json("/api/sellers?status=active").get("sellers")).extracting(s -> s.get("sellerId").asText())
                .containsExactly("default", C);
        assertThat(app.json("/api/sellers/" + B).get("orders").asLong()).isEqualTo(3);

        // Connected again with its (new) tokens: polled from its own watermark, and the missed changes arrive.
        HttpResponse<String> again = connect(B, (String) current.get("access_token"), (String) current.get("refresh_token"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(ApiCalls.json(again).get("connection").asText()).isEqualTo("again");
        await().atMost(PATIENCE).until(() -> orders(B) == 4);
        await().atMost(PATIENCE).until(() -> "CANCELED".equals(app.json("/api/orders/" + firstB + "?seller=" + B).get("stage").asText()));
    }

    @Test
    void pushesGoToTheSellerTheyNameAndThoseOfADisconnectedSellerAreRefused() {
        start(Map.of("sandbox.push.enabled", "false"));
        SignedPushes pushes = new SignedPushes(lazada.settings().appKey(), lazada.settings().appSecret());
        lazada.addSeller(B, "b-access-token-1", "b-refresh-token-1");
        lazada.addSeller(C, "c-access-token-1", "c-refresh-token-1");
        assertThat(connect(B, "b-access-token-1", "b-refresh-token-1").statusCode()).isEqualTo(201);
        assertThat(connect(C, "c-access-token-1", "c-refresh-token-1").statusCode()).isEqualTo(201);
        String ofB = lazada.createOrder(SandboxOrderSpec.builder().sellerId(B).items(2).status("pending").build());
        String ofC = lazada.createOrder(SandboxOrderSpec.builder().sellerId(C).items(1).status("pending").build());

        for (String[] push : new String[][] {{B, ofB}, {C, ofC}}) {
            SandboxOrderView truth = lazada.order(push[1]);
            byte[] body = SignedPushes.tradeOrder(push[0], push[1], truth.items().get(0).orderItemId(), "pending")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = app.post("/lazada/push", body, "Content-Type", "application/json", "Authorization", pushes.sign(body));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        await().atMost(PATIENCE).until(() -> orders(B) == 1 && orders(C) == 1);
        LedgerTruth.assertMatches(app.json("/api/orders/" + ofB + "?seller=" + B), lazada.order(ofB));
        LedgerTruth.assertMatches(app.json("/api/orders/" + ofC + "?seller=" + C), lazada.order(ofC));
        assertThat(app.count("SELECT COUNT(*) FROM pos_order WHERE order_id = ? AND seller_id = ?", ofB, B)).isEqualTo(1);
        assertThat(app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'DONE'")).isEqualTo(2);

        // A push naming C for an order of B is fetched as C's: Lazada has no such order of C, nothing is synced.
        String secondOfB = lazada.createOrder(SandboxOrderSpec.builder().sellerId(B).items(1).status("pending").build());
        byte[] mislabelled = SignedPushes.tradeOrder(C, secondOfB, lazada.order(secondOfB).items().get(0).orderItemId(), "pending")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(app.post("/lazada/push", mislabelled, "Content-Type", "application/json", "Authorization", pushes.sign(mislabelled))
                .statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE order_id = ? AND status IN ('DONE', 'FAILED')",
                secondOfB) == 1);
        assertThat(app.count("SELECT COUNT(*) FROM pos_order WHERE order_id = ?", secondOfB)).isZero();

        // B disconnected: its next push is kept in the inbox as failed, with the reason; nothing is fetched; its order stays.
        String stageOfB = app.json("/api/orders/" + ofB + "?seller=" + B).get("stage").asText();
        assertThat(ApiCalls.call(app, "DELETE", "/api/sellers/" + B, null).statusCode()).isEqualTo(200);
        lazadaClock.tick();
        lazada.setOrderStatus(ofB, "packed");
        byte[] late = SignedPushes.tradeOrder(B, ofB, lazada.order(ofB).items().get(0).orderItemId(), "packed")
                .getBytes(StandardCharsets.UTF_8);
        lazada.resetCounters();
        assertThat(app.post("/lazada/push", late, "Content-Type", "application/json", "Authorization", pushes.sign(late)).statusCode())
                .isEqualTo(200);
        await().atMost(PATIENCE).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE seller_id = ? AND status = 'FAILED'", B) == 1);
        String reason = app.inbox().queryForObject("SELECT error_message FROM push_inbox WHERE seller_id = ? AND status = 'FAILED'",
                String.class, B);
        assertThat(reason).contains(B).contains("does not sync");
        assertThat(lazada.apiCalls("/order/get")).as("no fetch for a disconnected seller").isZero();
        assertThat(app.json("/api/orders/" + ofB + "?seller=" + B).get("stage").asText()).isEqualTo(stageOfB);
        assertThat(orders(B)).isEqualTo(1);
        // The push view, one seller at a time.
        assertThat(app.get("/api/push?seller=" + C).statusCode()).isEqualTo(200);
    }

    @Test
    void anOrderIdTwoSellersHoldIsAnsweredPerSellerAndIsAmbiguousWithoutOne() throws Exception {
        // Two sandboxes started alike number their orders alike: the same id for a different order of each seller.
        TestClock clock = TestClock.anHourAgo();
        SandboxSettings base = SandboxSettings.defaults().withClock(clock).withInitialOrders(0).withLiveOrdersPerMinute(0);
        try (LazadaSandbox first = LazadaSandbox.start(base.withSellerId("shop-a"));
                LazadaSandbox second = LazadaSandbox.start(base.withSellerId(B).withAccessToken("b-access-token-1")
                        .withRefreshToken("b-refresh-token-1"));
                TwoMarketplaces lazadaApi = new TwoMarketplaces(first, second)) {
            String id = first.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
            String same = second.createOrder(SandboxOrderSpec.builder().items(1).status("delivered").build());
            assertThat(same).isEqualTo(id);

            Map<String, String> settings = RunningApp.defaults();
            settings.put("lazada.api-url", lazadaApi.baseUrl());
            settings.put("lazada.country", "ID");
            settings.put("lazada.app-key", base.appKey());
            settings.put("lazada.app-secret", base.appSecret());
            settings.put("lazada.seller-id", "shop-a");
            settings.put("lazada.access-token", base.accessToken());
            settings.put("lazada.refresh-token", base.refreshToken());
            app = RunningApp.start(settings);
            assertThat(connect(B, "b-access-token-1", "b-refresh-token-1").statusCode()).isEqualTo(201);

            app.template().sendBodyAndHeader("direct:poll-seller", null, "sellerId", "shop-a");
            app.template().sendBodyAndHeader("direct:poll-seller", null, "sellerId", B);
            assertThat(app.count("SELECT COUNT(*) FROM pos_order WHERE order_id = ?", id)).isEqualTo(2);

            JsonNode ofA = app.json("/api/orders/" + id + "?seller=shop-a");
            assertThat(ofA.get("sellerId").asText()).isEqualTo("shop-a");
            LedgerTruth.assertMatches(ofA, first.order(id));
            JsonNode ofB = app.json("/api/orders/" + id + "?seller=" + B);
            assertThat(ofB.get("sellerId").asText()).isEqualTo(B);
            LedgerTruth.assertMatches(ofB, second.order(id));
            assertThat(ofA.get("stage").asText()).isNotEqualTo(ofB.get("stage").asText());

            HttpResponse<String> ambiguous = app.get("/api/orders/" + id);
            assertThat(ambiguous.statusCode()).isEqualTo(409);
            assertThat(ambiguous.body()).contains("ambiguous_order").contains("shop-a").contains(B).contains("?seller=");
            assertThat(app.get("/api/orders/" + id + "/events").statusCode()).isEqualTo(409);
            assertThat(app.json("/api/orders/" + id + "/events?seller=" + B)).isNotEmpty();
            assertThat(app.get("/api/orders/" + id + "?seller=shop-z").statusCode()).isEqualTo(404);
        }
    }
}
