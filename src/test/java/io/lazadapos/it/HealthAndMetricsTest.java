package io.lazadapos.it;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.observe.SyncMetrics;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** /observe/health turns DOWN or degraded with a reason; /observe/metrics carries the sync's meters. */
class HealthAndMetricsTest {

    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private RunningApp start(Map<String, String> extra) {
        Map<String, String> settings = RunningApp.defaults();
        settings.putAll(extra);
        app = RunningApp.start(settings, Map.of("sandboxClock", TestClock.anHourAgo()));
        return app;
    }

    private JsonNode check(JsonNode health, String name) {
        for (JsonNode c : health.get("checks")) {
            if (name.equals(c.get("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private JsonNode health() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(app.get("/observe/health").body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void allChecksAreUpOnAHealthyRuntime() {
        start(Map.of());
        JsonNode h = health();
        assertThat(h.get("status").asText()).isEqualTo("UP");
        for (String name : new String[] {"ledger-database", "lazada-api", "poll-freshness", "push-inbox", "route-files"}) {
            assertThat(check(h, name).get("status").asText()).as(name).isEqualTo("UP");
        }
        assertThat(check(h, "push-inbox").get("message").asText()).contains("0 pushes");
    }

    @Test
    void aRefusedLazadaTokenTurnsTheLazadaCheckDownWithTheReason() {
        start(Map.of());
        app.sandbox().failNextCalls("/orders/get", "IllegalAccessToken", 1);
        var response = app.get("/observe/health");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode lazada = check(health(), "lazada-api");
        assertThat(lazada.get("status").asText()).isEqualTo("DOWN");
        assertThat(lazada.get("message").asText()).contains("refused the seller's token");
        JsonNode panel = app.json("/api/sync-health");
        assertThat(panel.at("/lazada/tokenValid").asBoolean()).isFalse();
        assertThat(panel.at("/lazada/errorsByClass/ACCESS_TOKEN_INVALID").asInt()).isEqualTo(1);
    }

    private void pendingPush() {
        app.inbox().update("INSERT INTO push_inbox (message_type, seller_id, order_id, status, raw_body, received_at) "
                + "VALUES (0, 'default', '1', 'PENDING', '{}', CURRENT_TIMESTAMP)");
    }

    @Test
    void aGrowingPushInboxTurnsDegradedThenDown() {
        // Pushes that never go quiet long enough to be drained: the inbox fills.
        start(Map.of("health.inbox-degraded-depth", "2", "health.inbox-down-depth", "4",
                "lazada.push.coalesce-window", "1d", "lazada.push.longest-wait", "1d"));
        for (int i = 0; i < 3; i++) {
            pendingPush();
        }
        JsonNode degraded = check(health(), "push-inbox");
        assertThat(degraded.get("status").asText()).isEqualTo("UP");
        assertThat(degraded.get("message").asText()).startsWith("degraded: 3 pushes wait");
        assertThat(app.json("/api/sync-health").at("/push/pending").asInt()).isEqualTo(3);

        for (int i = 0; i < 2; i++) {
            pendingPush();
        }
        JsonNode down = check(health(), "push-inbox");
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("message").asText()).contains("5 pushes wait");
        assertThat(metrics()).contains("lazadapos_inbox_depth 5.0");
    }

    @Test
    void metricsCountOrdersByStageLedgerEventsLazadaCallsAndPushAcks() {
        start(Map.of());
        String pending = app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        app.sandbox().createOrder(SandboxOrderSpec.builder().items(2).status("delivered").build());
        // A new order with a review: its events are counted once, whichever way they were written.
        app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status("pending").amountMismatch(new java.math.BigDecimal("5.00")).build());
        app.sandbox().failNextCalls("/orders/get", "ApiCallLimit", 1);
        app.pollNow();
        // A known order moves on: its event comes from the router's guarded steps.
        app.sandbox().setOrderStatus(pending, "shipped");
        app.pollNow();
        app.context().getRegistry().lookupByNameAndType("syncMetrics", SyncMetrics.class).pushAcknowledged(Duration.ofMillis(40));

        String m = metrics();
        assertThat(m).contains("lazadapos_orders_processed_total{source=\"poll\",stage=\"PAID\"} 2.0");
        assertThat(m).contains("lazadapos_orders_processed_total{source=\"poll\",stage=\"DELIVERED\"} 1.0");
        assertThat(m).contains("lazadapos_orders_processed_total{source=\"poll\",stage=\"SHIPPED\"} 1.0");
        assertThat(m).contains("lazadapos_ledger_events_total{type=\"CREATE_INVOICE\"} 3.0");
        assertThat(m).contains("lazadapos_ledger_events_total{type=\"ADD_PAYMENT\"} 1.0");
        assertThat(m).contains("lazadapos_ledger_events_total{type=\"OPEN_REVIEW\"} 1.0");
        assertThat(m).contains("lazadapos_ledger_events_total{type=\"MARK_SENT\"} 2.0"); // the delivered order and the shipped one
        assertThat(m).contains("lazadapos_lazada_calls_total{api=\"/orders/get\",outcome=\"RATE_LIMITED\"} 1.0");
        assertThat(m).contains("lazadapos_lazada_calls_total{api=\"/orders/get\",outcome=\"ok\"}");
        assertThat(m).contains("lazadapos_push_ack_seconds_count 1");
        assertThat(m).contains("lazadapos_dead_letters_open 0.0");
        assertThat(m).contains("lazadapos_inbox_depth 0.0");
        assertThat(m).contains("camel_exchanges_total");
    }

    @Test
    void callsThatGetNoReplyAreCountedAsTransportFailures() {
        // Credentials given, so no sandbox: Lazada is a port nobody listens on.
        start(Map.of("lazada.api-url", "http://127.0.0.1:" + RunningApp.freePort() + "/rest", "lazada.country", "ID",
                "lazada.app-key", "100001", "lazada.app-secret", "secret", "lazada.access-token", "token", "lazada.refresh-token", "refresh",
                "lazada.retry-attempts", "2"));
        try {
            app.pollNow();
        } catch (RuntimeException expected) {
            // The poll gives up after its retries; its error handling records the failure.
        }
        // The first attempt and its two retries, each without a reply.
        assertThat(metrics()).contains("lazadapos_lazada_calls_total{api=\"/orders/get\",outcome=\"TRANSPORT\"} 3.0");
        // The panel counts them with the other calls' (the health probe's, say).
        assertThat(app.json("/api/sync-health").at("/lazada/errorsByClass/TRANSPORT").asInt()).isGreaterThanOrEqualTo(3);
    }

    private String metrics() {
        var r = app.get("/observe/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
