package io.lazadapos.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pushes answered 200 but not yet processed when the runtime stopped are processed by the next
 * start. Lazada (a sandbox of its own here) and the ledger database outlive the runtime.
 */
class PushInboxRestartTest {

    private LazadaSandbox lazada;
    private SignedPushes pushes;
    private Map<String, String> settings;
    private RunningApp app;

    @BeforeEach
    void lazadaAndDatabase() {
        lazada = LazadaSandbox.start(SandboxSettings.defaults().withClock(TestClock.anHourAgo()));
        pushes = new SignedPushes(lazada.settings().appKey(), lazada.settings().appSecret());
        settings = RunningApp.defaults();
        settings.putAll(TestDatabase.fresh("restart"));
        settings.put("lazada.api-url", lazada.baseUrl());
        settings.put("lazada.country", "ID");
        settings.put("lazada.app-key", lazada.settings().appKey());
        settings.put("lazada.app-secret", lazada.settings().appSecret());
        settings.put("lazada.access-token", lazada.settings().accessToken());
        settings.put("lazada.refresh-token", lazada.settings().refreshToken());
        settings.put("lazada.push.instance-id", "node-1");
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        lazada.close();
    }

    @Test
    void pushesAcceptedBeforeAStopAreProcessedAfterTheRestart() throws Exception {
        String accepted = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
        String claimed = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("shipped").build());

        app = RunningApp.start(settings);
        // The runtime stops between the 200 and the drain.
        app.context().getRouteController().stopRoute("push-inbox-drain");
        byte[] body = SignedPushes.tradeOrder("default", accepted, lazada.order(accepted).items().get(0).orderItemId(), "pending")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(app.post("/lazada/push", body, "Authorization", pushes.sign(body)).statusCode()).isEqualTo(200);
        // And this one it had claimed when it stopped (say, killed in the middle of the fetch).
        String claimedBody = SignedPushes.tradeOrder("default", claimed, lazada.order(claimed).items().get(0).orderItemId(), "shipped");
        app.inbox().update("INSERT INTO push_inbox (message_type, seller_id, order_id, status, raw_body, received_at, claimed_by, claim_id, "
                + "claimed_at, attempts) VALUES (0, 'default', ?, 'CLAIMED', ?, ?, 'node-1', 'claim-before-the-crash', ?, 1)",
                claimed, claimedBody, OffsetDateTime.now(ZoneOffset.UTC), OffsetDateTime.now(ZoneOffset.UTC));
        app.close();
        assertThat(lazada.apiCalls("/order/get")).isZero();

        app = RunningApp.start(settings);

        await().atMost(Duration.ofSeconds(60)).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'DONE'") == 2);
        assertThat(app.order(accepted).get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(app.order(claimed).get("tab").asText()).isEqualTo("IN_DELIVERY");
        assertThat(app.json("/api/orders/" + accepted + "/events").get(0).get("source").asText()).isEqualTo("push");
        assertThat(app.inboxCount("SELECT MAX(attempts) FROM push_inbox")).isEqualTo(2);
    }

    @Test
    void pushesLeftInTheLedgersInboxByAnEarlierVersionAreProcessedFromTheInboxsOwnDatabase() throws Exception {
        // Only an HSQLDB ledger gives the inbox a database of its own; on PostgreSQL they are one.
        Assumptions.assumeFalse(TestDatabase.postgres());
        String pending = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        String claimed = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("shipped").build());
        app = RunningApp.start(settings);
        app.context().getRouteController().stopRoute("push-inbox-drain");
        assertThat(app.inboxCount("SELECT COUNT(*) FROM push_inbox")).isZero();
        // What an earlier version left in the ledger's own push_inbox table when it stopped.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        app.jdbc().update("INSERT INTO push_inbox (message_type, seller_id, order_id, status, raw_body, received_at) "
                + "VALUES (0, 'default', ?, 'PENDING', ?, ?)", pending,
                SignedPushes.tradeOrder("default", pending, lazada.order(pending).items().get(0).orderItemId(), "pending"), now);
        app.jdbc().update("INSERT INTO push_inbox (message_type, seller_id, order_id, status, raw_body, received_at, claimed_by, claim_id, "
                + "claimed_at, attempts) VALUES (0, 'default', ?, 'CLAIMED', ?, ?, 'node-1', 'claim-1', ?, 1)", claimed,
                SignedPushes.tradeOrder("default", claimed, lazada.order(claimed).items().get(0).orderItemId(), "shipped"), now, now);
        app.jdbc().update("INSERT INTO push_order_claim (order_id, seller_id, claim_id, claimed_by, claimed_at) VALUES (?, 'default', 'claim-1', 'node-1', ?)",
                claimed, now);
        app.close();

        app = RunningApp.start(settings);

        await().atMost(Duration.ofSeconds(60)).until(() -> app.inboxCount("SELECT COUNT(*) FROM push_inbox WHERE status = 'DONE'") == 2);
        assertThat(app.count("SELECT COUNT(*) FROM push_inbox")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM push_order_claim")).isZero();
        assertThat(app.order(pending).get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(app.order(claimed).get("tab").asText()).isEqualTo("IN_DELIVERY");
        assertThat(app.inboxCount("SELECT attempts FROM push_inbox WHERE order_id = ?", claimed)).isEqualTo(2);
    }
}
