package io.lazadapos.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.lazadapos.ledger.ReconciliationRuns;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxOrderView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation sweep finds what the poll missed or lost (an order updated behind the
 * watermark, a dead-lettered row, an order gone from the ledger, documents behind their stage),
 * repairs it from fresh data, and records the counts for the sync log.
 */
class ReconciliationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(RunningApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSweepRepairsWhatThePollMissedOrLostAndRecordsItsCounts() throws Exception {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (RunningApp app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(200);
            // One row of the first page comes mistyped: a dead letter, its order not in the ledger.
            lazada.failNextCalls("/orders/get", "bad-row", 1);
            app.pollNow();
            assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isEqualTo(1);

            // An order Lazada updated behind the watermark (a late write on Lazada's side): the poll does not see it.
            lazadaClock.advance(Duration.ofMinutes(-30));
            String late = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
            SandboxOrderView someShipped = lazada.orders().stream().filter(o -> o.statuses().equals(List.of("pending"))).findFirst().orElseThrow();
            lazada.setOrderStatus(someShipped.orderId(), "shipped");
            lazadaClock.advance(Duration.ofMinutes(30));
            app.pollNow();
            assertThat(app.get("/api/orders/" + late).statusCode()).isEqualTo(404);
            assertThat(app.order(someShipped.orderId()).get("stage").asText()).isEqualTo("PAID");

            // An order lost from the ledger, and one whose invoice fell behind its stage.
            SandboxOrderView lost = lazada.orders().stream().filter(o -> o.statuses().equals(List.of("delivered"))).findFirst().orElseThrow();
            deleteFromLedger(app, lost.orderId());
            SandboxOrderView behind = lazada.orders().stream()
                    .filter(o -> o.statuses().equals(List.of("shipped")) && !o.orderId().equals(someShipped.orderId())).findFirst().orElseThrow();
            app.jdbc().update("UPDATE invoice SET delivery_status = 'UNSENT', sent_at = NULL WHERE order_id = ?", behind.orderId());
            app.jdbc().update("DELETE FROM ledger_event WHERE order_id = ? AND type = 'MARK_SENT'", behind.orderId());

            HttpResponse<String> done = post(app, "/api/reconcile?days=3&wait=true");
            assertThat(done.statusCode()).isEqualTo(200);
            JsonNode run = JSON.readTree(done.body());
            assertThat(run.get("state").asText()).isEqualTo("DONE");
            assertThat(run.get("trigger").asText()).isEqualTo("api");
            assertThat(run.get("checked").asInt()).isEqualTo(lazada.orders().size());
            assertThat(run.get("missing").asInt()).as("the late order, the dead-lettered one, the lost one").isEqualTo(3);
            assertThat(run.get("wrongStatus").asInt()).isEqualTo(1);
            assertThat(run.get("wrongStage").asInt()).isEqualTo(1);
            assertThat(run.get("repaired").asInt()).isEqualTo(5);
            assertThat(run.get("unrepaired").asInt()).isZero();

            for (SandboxOrderView t : lazada.orders()) {
                LedgerTruth.assertMatches(app.order(t.orderId()), t);
            }
            assertThat(app.json("/api/orders/" + behind.orderId() + "/events").findValuesAsText("type")).containsOnlyOnce("MARK_SENT");
            assertThat(app.json("/api/orders/" + late + "/events").findValuesAsText("source")).containsOnly("reconcile");

            // A second sweep, asynchronous: it finds nothing left to repair.
            HttpResponse<String> accepted = post(app, "/api/reconcile?days=1");
            assertThat(accepted.statusCode()).isEqualTo(202);
            long id = JSON.readTree(accepted.body()).get("id").asLong();
            await().atMost(Duration.ofMinutes(1)).until(() -> app.json("/api/reconcile/" + id).get("state").asText().equals("DONE"));
            JsonNode second = app.json("/api/reconcile/" + id);
            assertThat(second.get("missing").asInt() + second.get("wrongStatus").asInt() + second.get("wrongStage").asInt()).isZero();
            assertThat(second.get("checked").asInt()).isPositive();

            // The sync log: the runs of the last days, newest first, for the console and the API alike.
            ReconciliationRuns runs = app.context().getRegistry().lookupByNameAndType("reconciliationRuns", ReconciliationRuns.class);
            assertThat(runs.recent(7)).extracting(r -> r.get("id")).containsExactly(id, run.get("id").asLong());
            assertThat(app.json("/api/reconcile?days=7").get("runs")).hasSize(2);
        }
    }

    @Test
    void badRequestsAreRefusedClearly() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            assertThat(post(app, "/api/reconcile?days=0").statusCode()).isEqualTo(400);
            assertThat(post(app, "/api/reconcile?days=abc").body()).contains("days must be a whole number");
            assertThat(post(app, "/api/reconcile?days=1000").body()).contains("days must be between 1 and 90");
            assertThat(app.get("/api/reconcile/424242").statusCode()).isEqualTo(404);
            assertThat(app.get("/api/reconcile/x").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theScheduleSweepsOncePerIntervalAndAfterARestartNotAgainBeforeItIsDue() {
        Map<String, String> settings = RunningApp.defaults();
        settings.put("lazada.reconcile-check-every", "200ms");
        settings.put("lazada.reconcile-interval", "1d");
        try (RunningApp app = RunningApp.start(settings)) {
            app.sandbox().generateBackfill(20);
            await().atMost(Duration.ofMinutes(1)).until(() -> app.count("SELECT COUNT(*) FROM reconciliation_run WHERE run_state = 'DONE'") == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> app.count("SELECT COUNT(*) FROM reconciliation_run") == 1);
            assertThat(app.jdbc().queryForObject("SELECT trigger_source FROM reconciliation_run", String.class)).isEqualTo("schedule");
            assertThat(app.count("SELECT COUNT(*) FROM pos_order")).as("the sweep fetched the orders the poll (off) never read").isEqualTo(20);
        }
    }

    private static void deleteFromLedger(RunningApp app, String orderId) {
        for (String table : List.of("ledger_event", "review", "order_line", "invoice", "sales_order", "pos_order")) {
            app.jdbc().update("DELETE FROM " + table + " WHERE order_id = ?", orderId);
        }
    }
}
