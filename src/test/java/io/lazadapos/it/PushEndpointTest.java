package io.lazadapos.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /lazada/push over real HTTP into a real inbox, with the poll switched off: only
 * pushes move orders here.
 */
class PushEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestClock lazadaClock;
    private RunningApp app;
    private LazadaSandbox lazada;
    private SignedPushes pushes;

    @BeforeEach
    void start() {
        lazadaClock = TestClock.anHourAgo();
        app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
        pushes = new SignedPushes(lazada.settings().appKey(), lazada.settings().appSecret());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> push(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return app.post("/lazada/push", bytes, "Content-Type", "application/json", "Authorization", pushes.sign(bytes));
    }

    private long inboxRows() {
        return app.inboxCount("SELECT COUNT(*) FROM push_inbox");
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Test
    void aSignedPushBringsTheOrderIntoThePos() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        String item = lazada.order(id).items().get(0).orderItemId();

        long sent = System.nanoTime();
        HttpResponse<String> r = push(SignedPushes.tradeOrder("default", id, item, "pending"));
        long ackMicros = (System.nanoTime() - sent) / 1000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("result").asText()).isEqualTo("accepted");

        await().atMost(Duration.ofSeconds(20)).until(() -> app.get("/api/orders/" + id).statusCode() == 200);
        long inPosMillis = (System.nanoTime() - sent) / 1_000_000;
        System.out.printf("push acknowledged in %d us; order in the POS %d ms after the push was sent%n", ackMicros, inPosMillis);

        JsonNode o = app.order(id);
        assertThat(o.get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(app.json("/api/orders/" + id + "/events").get(0).get("source").asText()).isEqualTo("push");
        assertThat(app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'DONE'")).isEqualTo(1);
        assertThat(lazada.apiCalls("/order/get")).isEqualTo(1);
        // Its items come with GetMultipleOrderItems, which the drain uses for every order it claimed.
        assertThat(lazada.apiCalls("/orders/items/get")).isEqualTo(1);
        assertThat(lazada.apiCalls("/order/items/get")).isZero();
        assertThat(lazada.apiCalls("/orders/get")).isZero();
    }

    @Test
    void theDocumentedVectorIsAccepted() {
        app.close();
        Map<String, String> settings = RunningApp.defaults();
        settings.put("lazada.app-key", "123456");
        settings.put("lazada.app-secret", "3412gyo124goi3124");
        app = RunningApp.start(settings);
        String body = "{\"seller_id\":\"1234567\",\"message_type\":0,\"data\":{\"order_status\":\"unpaid\",\"trade_order_id\":\"260422900198363\","
                + "\"trade_order_line_id\":\"260422900298363\",\"status_update_time\":1603698638},\"timestamp\":1603766859530,\"site\":\"lazada_vn\"}";

        HttpResponse<String> r = app.post("/lazada/push", body.getBytes(StandardCharsets.UTF_8),
                "Authorization", "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6");

        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> row = app.inbox().queryForMap("SELECT message_type, seller_id, order_id, raw_body, received_at FROM push_inbox");
        assertThat(row).containsEntry("MESSAGE_TYPE", 0).containsEntry("SELLER_ID", "1234567")
                .containsEntry("ORDER_ID", "260422900198363").containsEntry("RAW_BODY", body);
        assertThat(row.get("RECEIVED_AT")).isNotNull();
        // This runtime syncs seller "default": the push is kept as a dead letter that says so.
        await().atMost(Duration.ofSeconds(20)).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'FAILED'") == 1);
        assertThat(app.jdbc().queryForObject("SELECT error_message FROM dead_letter WHERE source = 'push'", String.class))
                .contains("seller 1234567", "LAZADA_SELLER_ID");
    }

    @Test
    void wrongMissingForeignAndTruncatedSignaturesAre401WithNoInboxRow() {
        byte[] body = SignedPushes.tradeOrder("default", "123", "1231", "pending").getBytes(StandardCharsets.UTF_8);
        String good = pushes.sign(body);
        char[] flipped = good.toCharArray();
        flipped[10] = flipped[10] == 'a' ? 'b' : 'a';
        String otherKey = new SignedPushes(lazada.settings().appKey(), "not-our-secret").sign(body);
        byte[] truncated = Arrays.copyOf(body, body.length - 5);

        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(app.post("/lazada/push", body, "Authorization", new String(flipped)));
        answers.add(app.post("/lazada/push", body));
        answers.add(app.post("/lazada/push", body, "Authorization", otherKey));
        answers.add(app.post("/lazada/push", truncated, "Authorization", good));
        answers.add(app.post("/lazada/push", body, "Authorization", good.toUpperCase()));

        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(r).get("error").asText()).isEqualTo("unauthorized");
            assertThat(r.body()).doesNotContain(good).doesNotContain("pending");
        }
        assertThat(inboxRows()).isZero();
        JsonNode received = app.json("/api/push").get("received");
        assertThat(received.get("unsigned").asLong()).isEqualTo(1);
        assertThat(received.get("forged").asLong()).isEqualTo(4);
        assertThat(received.get("accepted").asLong()).isZero();
        assertThat(lazada.apiCalls("/order/get")).isZero();
    }

    @Test
    void anOversizedBodyIs413() {
        byte[] body = new byte[1_048_577];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        HttpResponse<String> r = app.post("/lazada/push", body, "Authorization", pushes.sign(body));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).isEqualTo("too_large");
        assertThat(inboxRows()).isZero();
        assertThat(app.json("/api/push").at("/received/tooLarge").asLong()).isEqualTo(1);
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400AndKeptAsADeadLetter() {
        String garbage = "seller=1234567&order=5&status=pending";
        HttpResponse<String> r = push(garbage);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
        assertThat(json(r).get("message").asText()).startsWith("body is not JSON");
        assertThat(inboxRows()).isZero();
        Map<String, Object> letter = app.jdbc().queryForMap("SELECT source, error_message, payload FROM dead_letter");
        assertThat(letter).containsEntry("SOURCE", "push").containsEntry("PAYLOAD", garbage);

        HttpResponse<String> noOrder = push("{\"seller_id\":\"default\",\"message_type\":0,\"data\":{\"order_status\":\"pending\"}}");
        assertThat(noOrder.statusCode()).isEqualTo(400);
        assertThat(json(noOrder).get("message").asText()).startsWith("message_type 0 without data.trade_order_id");
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isEqualTo(2);
        assertThat(app.json("/api/push").at("/received/malformed").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownMessageTypeIsRecordedAndIgnored() {
        HttpResponse<String> r = push("{\"seller_id\":\"default\",\"message_type\":3,\"data\":{\"item_id\":\"5\"},\"timestamp\":1,\"site\":\"lazada_id\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("result").asText()).isEqualTo("ignored");
        assertThat(app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'IGNORED' AND message_type = 3")).isEqualTo(1);
        assertThat(app.json("/api/push").at("/received/ignored").asLong()).isEqualTo(1);
    }

    @Test
    void aPushForAStateAlreadyAppliedChangesNothing() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("shipped").build());
        app.pollNow();
        List<String> before = app.json("/api/orders/" + id + "/events").findValuesAsText("type");
        assertThat(before).containsExactly("CREATE_INVOICE", "MARK_SENT");
        String item = lazada.order(id).items().get(0).orderItemId();
        lazada.resetCounters();

        assertThat(push(SignedPushes.tradeOrder("default", id, item, "shipped")).statusCode()).isEqualTo(200);
        assertThat(push(SignedPushes.tradeOrder("default", id, item, "shipped")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'DONE'") == 2);
        // The items say nothing changed since the poll: no GetOrder at all (one items call per drain that claimed them).
        assertThat(lazada.apiCalls("/orders/items/get")).isBetween(1L, 2L);
        assertThat(lazada.apiCalls("/order/get")).isZero();
        assertThat(app.json("/api/orders/" + id + "/events").findValuesAsText("type")).isEqualTo(before);
        assertThat(app.count("SELECT COUNT(*) FROM ledger_event WHERE source = 'push'")).isZero();
        assertThat(app.jdbc().queryForObject("SELECT last_source FROM pos_order WHERE order_id = ?", String.class, id)).isEqualTo("poll");
    }

    @Test
    void aReverseOrderPushBringsTheReturnToTheComplainedTab() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("delivered").build());
        app.pollNow();
        lazadaClock.tick();
        lazada.setOrderStatus(id, "returned");
        String item = lazada.order(id).items().get(0).orderItemId();
        String reverse = lazada.order(id).items().get(0).reverseOrderId();

        assertThat(push(SignedPushes.reverseOrder("default", id, item, reverse, "REQUEST_INITIATE")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLAINED".equals(app.order(id).get("tab").asText()));
        assertThat(app.order(id).get("reviewReasons").get(0).asText()).isEqualTo("RETURN_REQUESTED");
    }

    @Test
    void aTokenExpiringPushIsRecordedAndShown() {
        long expiry = System.currentTimeMillis() / 1000 + 36 * 3600;
        assertThat(push(SignedPushes.tokenExpiring("default", expiry)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !app.json("/api/push").get("tokenExpiry").isNull());
        JsonNode alert = app.json("/api/push").get("tokenExpiry");
        assertThat(alert.get("sellerId").asText()).isEqualTo("default");
        assertThat(alert.get("authExpiryTime").asText()).isEqualTo(java.time.Instant.ofEpochSecond(expiry).toString());
        assertThat(app.count("SELECT COUNT(*) FROM sync_state WHERE state_key = 'token.expiry-alerted-at'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'DONE'") == 1);
    }

    @Test
    void aPushThatCannotBeProcessedBecomesADeadLetterAndTheOthersGoOn() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        String item = lazada.order(id).items().get(0).orderItemId();

        assertThat(push(SignedPushes.tradeOrder("default", "999999999999999", "1", "pending")).statusCode()).isEqualTo(200);
        assertThat(push(SignedPushes.tradeOrder("default", id, item, "pending")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status IN ('DONE', 'FAILED')") == 2);
        assertThat(app.order(id).get("tab").asText()).isEqualTo("NEW_ORDER");
        Map<String, Object> failed = app.inbox().queryForMap("SELECT order_id, error_message FROM push_inbox WHERE status = 'FAILED'");
        assertThat(failed.get("ORDER_ID")).isEqualTo("999999999999999");
        assertThat((String) failed.get("ERROR_MESSAGE")).startsWith("LazadaApiException: /order/get: NOT_FOUND");
        Map<String, Object> letter = app.jdbc().queryForMap("SELECT order_id, source, payload FROM dead_letter");
        assertThat(letter).containsEntry("ORDER_ID", "999999999999999").containsEntry("SOURCE", "push");
        assertThat((String) letter.get("PAYLOAD")).contains("\"trade_order_id\":\"999999999999999\"");
    }

    /** Reports the acknowledgement latency (the benchmark issue measures it properly; nothing is asserted on time). */
    @Test
    void manyPushesForOneOrderAreAllAcknowledgedAndEndInOneOrder() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        String item = lazada.order(id).items().get(0).orderItemId();
        int warmUp = 20;
        int measured = 200;
        long[] micros = new long[measured];
        for (int i = 0; i < warmUp + measured; i++) {
            long sent = System.nanoTime();
            assertThat(push(SignedPushes.tradeOrder("default", id, item, "pending")).statusCode()).isEqualTo(200);
            if (i >= warmUp) {
                micros[i - warmUp] = (System.nanoTime() - sent) / 1000;
            }
        }
        Arrays.sort(micros);
        System.out.printf("push acknowledgement over %d pushes (client round trip): median %d us, p95 %d us, p99 %d us, max %d us%n",
                measured, micros[measured / 2], micros[measured * 95 / 100], micros[measured * 99 / 100], micros[measured - 1]);

        await().atMost(Duration.ofSeconds(60)).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'DONE'") == warmUp + measured);
        assertThat(app.order(id).get("tab").asText()).isEqualTo("NEW_ORDER");
        System.out.printf("%d pushes for one order -> %d GetOrder calls%n", warmUp + measured, lazada.apiCalls("/order/get"));
    }
}
