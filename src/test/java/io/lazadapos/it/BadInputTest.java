package io.lazadapos.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderView;
import io.lazadapos.sync.SyncHealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input at the edges: absurd orders and mistyped rows from Lazada end as dead letters with a
 * clear error while the others flow; a ledger database that goes away mid-poll loses nothing.
 */
class BadInputTest {

    private static List<Map<String, Object>> deadLetters(RunningApp app) {
        return app.jdbc().queryForList("SELECT order_id, source, error_class, error_message, payload FROM dead_letter ORDER BY id");
    }

    private static void othersMatchTruth(RunningApp app, LazadaSandbox lazada, String except) {
        for (SandboxOrderView t : lazada.orders()) {
            if (!t.orderId().equals(except)) {
                LedgerTruth.assertMatches(app.order(t.orderId()), t);
            }
        }
    }

    @Test
    void anOrderUpdatedInTheFutureIsADeadLetterAndDoesNotCarryTheWatermarkAlong() {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (RunningApp app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(40);
            lazada.failNextCalls("/orders/get", "absurd", 1);
            app.pollNow();

            List<Map<String, Object>> letters = deadLetters(app);
            assertThat(letters).hasSize(1);
            Map<String, Object> letter = letters.get(0);
            assertThat(letter.get("ERROR_CLASS").toString()).endsWith("OrderSanity$ImplausibleOrder");
            assertThat(letter.get("ERROR_MESSAGE").toString()).contains("is in the future").contains("price is negative");
            assertThat(letter.get("PAYLOAD").toString()).contains("\"orderId\"");
            String watermark = app.jdbc().queryForObject("SELECT state_value FROM sync_state WHERE state_key = 'poll.watermark'", String.class);
            assertThat(Instant.parse(watermark)).isBefore(Instant.now());
            othersMatchTruth(app, lazada, letter.get("ORDER_ID").toString());
            SyncHealth health = app.context().getRegistry().lookupByNameAndType("syncHealth", SyncHealth.class);
            assertThat(health.lastPollFailure("default")).as("the poll itself went through").isNull();
        }
    }

    @Test
    void anItemWithANegativeAmountInAnUnknownCurrencyIsADeadLetterAndTheOthersFlow() {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (RunningApp app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(40);
            lazada.failNextCalls("/orders/items/get", "absurd", 1);
            app.pollNow();

            List<Map<String, Object>> letters = deadLetters(app);
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).get("ERROR_MESSAGE").toString())
                    .contains("paid_price is negative (-50000.00)").contains("has an unknown currency 'XYZ'");
            String orderId = letters.get(0).get("ORDER_ID").toString();
            assertThat(app.get("/api/orders/" + orderId).statusCode()).isEqualTo(404);
            othersMatchTruth(app, lazada, orderId);
        }
    }

    @Test
    void aPageLargerThanAskedForIsReadAgain() {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (RunningApp app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(40);
            lazada.failNextCalls("/orders/get", "huge-page", 1);
            app.pollNow();
            LedgerChecks.assertLedgerMatchesTruth(app, lazada.orders());
            assertThat(lazada.apiCalls("/orders/get")).isEqualTo(2);
        }
    }

    @Test
    void aMistypedRowIsADeadLetterWithTheRawRowAndThePageGoesOn() {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (RunningApp app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(30);
            lazada.failNextCalls("/orders/get", "bad-row", 1);
            app.pollNow();

            List<Map<String, Object>> letters = deadLetters(app);
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).get("ERROR_CLASS")).isEqualTo("MalformedOrderRow");
            assertThat(letters.get(0).get("ERROR_MESSAGE").toString())
                    .isEqualTo("field 'updated_at' has '{\"unexpected\":true}', expected a date-time");
            assertThat(letters.get(0).get("PAYLOAD").toString()).contains("\"order_id\"");
            assertThat(app.count("SELECT COUNT(*) FROM pos_order")).isEqualTo(29);
        }
    }

    @Test
    void aLedgerDatabaseThatGoesAwayMidPollLosesNothing(@TempDir Path dir) throws Exception {
        TestClock lazadaClock = TestClock.anHourAgo();
        String url = "jdbc:hsqldb:file:" + dir.resolve("ledger") + ";hsqldb.tx=mvcc";
        // An embedded HSQLDB shut down under the poll, whichever database the other tests use (so its own user, SA).
        Map<String, String> settings = RunningApp.defaults();
        settings.put("pos.db.url", url);
        settings.put("pos.db.user", "SA");
        settings.put("pos.db.password", "");
        settings.put("lazada.page-size", "20");
        settings.put("lazada.items-batch-size", "10");
        try (RunningApp app = RunningApp.start(settings, Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(300);
            // Once some orders are in, the database shuts down under the running poll (as a restart of it would).
            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> app.count("SELECT COUNT(*) FROM pos_order") >= 60);
                try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            app.pollNow();
            outage.get();
            SyncHealth health = app.context().getRegistry().lookupByNameAndType("syncHealth", SyncHealth.class);
            assertThat(health.lastPollFailure("default")).as("the poll met the outage").isNotNull();
            // Whatever that poll could not finish, the next ones do, from the stored watermark (the first ones
            // after the outage may still meet a pooled connection that died with it).
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                app.pollNow();
                return health.lastPollFailure("default") == null;
            });
            await().atMost(Duration.ofMinutes(1)).until(() -> app.get("/api/orders?limit=1").statusCode() == 200
                    && app.get("/api/orders?limit=1").statusCode() == 200);
            LedgerChecks.assertLedgerMatchesTruth(app, lazada.orders());
        }
    }
}
