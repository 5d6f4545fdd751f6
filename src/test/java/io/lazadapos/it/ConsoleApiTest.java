package io.lazadapos.it;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.ledger.DeadLetters;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static io.lazadapos.it.ApiCalls.json;
import static io.lazadapos.it.ApiCalls.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's API over real HTTP against a runtime fed by the sandbox (no API token set; the
 * token is ConsoleApiTokenTest's): tabs, sync log, recycle bin, dead letters, resyncs, reviews,
 * sync health, and the answers to bad input.
 */
class ConsoleApiTest {

    private TestClock lazadaClock;
    private RunningApp app;
    private LazadaSandbox lazada;

    @BeforeEach
    void start() {
        lazadaClock = TestClock.anHourAgo();
        app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String order(int items, String status) {
        return lazada.createOrder(SandboxOrderSpec.builder().items(items).status(status).build());
    }

    private void move(String orderId, String status, String initiator) {
        lazadaClock.tick();
        lazada.setOrderStatus(orderId, status, initiator);
    }

    private List<String> events(String orderId) {
        return app.json("/api/orders/" + orderId + "/events").findValuesAsText("type");
    }

    private static int status(HttpResponse<String> r) {
        return r.statusCode();
    }

    @Test
    void tabsCountTheOrdersOfEachTabAndTheQueues() {
        order(1, "unpaid");
        order(1, "pending");
        order(2, "ready_to_ship");
        order(1, "shipped");
        String returned = order(1, "delivered");
        String canceled = order(1, "pending");
        String unknown = order(1, "pending");
        app.pollNow();
        move(returned, "returned", null);
        move(canceled, "canceled", "cancellation-seller");
        move(unknown, "teleported", null);
        app.pollNow();

        JsonNode t = app.json("/api/tabs");
        assertThat(t.get("tabs").findValuesAsText("tab"))
                .containsExactly("UNPAID", "NEW_ORDER", "IN_DELIVERY", "CANCELED", "COMPLAINED", "UNMAPPED");
        assertThat(t.get("tabs").findValuesAsText("label"))
                .containsExactly("Unpaid", "New Order", "In Delivery", "Canceled", "Complained", "Unmapped");
        assertThat(t.get("tabs").findValues("count")).extracting(JsonNode::asInt).containsExactly(1, 2, 1, 1, 1, 1);
        assertThat(t.get("orders").asInt()).isEqualTo(7);
        assertThat(t.get("openReviews").asInt()).isEqualTo(2);
        assertThat(t.get("recycleBin").asInt()).isEqualTo(1);
        assertThat(t.get("openDeadLetters").asInt()).isZero();
        assertThat(app.json("/api/tabs?seller=someone-else").get("orders").asInt()).isZero();
    }

    @Test
    void theSyncLogCountsLedgerEventsPerTypePerSellerDay() {
        order(3, "delivered");
        order(1, "unpaid");
        app.pollNow();

        JsonNode log = app.json("/api/sync-log?days=7");
        assertThat(log.get("days").asInt()).isEqualTo(7);
        assertThat(log.get("utcOffset").asText()).isEqualTo("+07:00");
        JsonNode series = log.get("series");
        assertThat(series).hasSize(7);
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(7));
        assertThat(series.get(6).get("date").asText()).isEqualTo(today.toString());
        assertThat(series.get(0).get("date").asText()).isEqualTo(today.minusDays(6).toString());
        JsonNode counts = series.get(6).get("counts");
        assertThat(counts.get("CREATE_INVOICE").asInt()).isEqualTo(1);
        assertThat(counts.get("MARK_SENT").asInt()).isEqualTo(1);
        assertThat(counts.get("ADD_PAYMENT").asInt()).isEqualTo(1);
        assertThat(counts.get("CREATE_SALES_ORDER").asInt()).isEqualTo(1);
        assertThat(series.get(6).get("total").asInt()).isEqualTo(4);
        assertThat(log.get("totals").get("CREATE_INVOICE").asInt()).isEqualTo(1);
        assertThat(log.get("types")).extracting(JsonNode::asText)
                .containsExactly("ADD_PAYMENT", "CREATE_INVOICE", "CREATE_SALES_ORDER", "MARK_SENT");
        assertThat(app.json("/api/sync-log").get("series")).hasSize(7);
        assertThat(app.json("/api/sync-log?days=30").get("series")).hasSize(30);

        for (String bad : List.of("0", "91", "seven", "-1")) {
            HttpResponse<String> r = app.get("/api/sync-log?days=" + bad);
            assertThat(r.statusCode()).as("days=" + bad).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
        }
    }

    @Test
    void theRecycleBinListsRecycledInvoicesAndRestoresOne() {
        String canceled = order(2, "pending");
        String unpaid = order(1, "unpaid");
        app.pollNow();
        move(canceled, "canceled", "cancellation-seller");
        app.pollNow();

        JsonNode bin = app.json("/api/recycle-bin");
        assertThat(bin.get("total").asInt()).isEqualTo(1);
        JsonNode invoice = bin.get("invoices").get(0);
        assertThat(invoice.get("orderId").asText()).isEqualTo(canceled);
        assertThat(invoice.get("reason").asText()).isEqualTo("SELLER_CANCEL");
        assertThat(invoice.get("invoiceNumber").asText()).startsWith("INV-");
        assertThat(invoice.get("total").asText()).matches("\\d+\\.\\d{2}");
        assertThat(invoice.get("recycledAt").asText()).endsWith("Z");

        HttpResponse<String> restored = post(app, "/api/recycle-bin/" + canceled + "/restore", null);
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(json(restored).get("reason").asText()).isEqualTo("SELLER_CANCEL");
        JsonNode o = app.order(canceled);
        assertThat(o.at("/invoice/recycled").asBoolean()).isFalse();
        assertThat(o.get("tab").asText()).isEqualTo("CANCELED");
        assertThat(events(canceled)).containsExactly("CREATE_INVOICE", "RECYCLE_INVOICE", "RESTORE_INVOICE");
        JsonNode restoreEvent = app.json("/api/orders/" + canceled + "/events").get(2);
        assertThat(restoreEvent.get("subject").asText()).isEqualTo("SELLER_CANCEL");
        assertThat(restoreEvent.get("source").asText()).isEqualTo("operator");
        assertThat(app.json("/api/recycle-bin").get("total").asInt()).isZero();

        assertThat(status(post(app, "/api/recycle-bin/" + canceled + "/restore", null))).isEqualTo(409);
        assertThat(status(post(app, "/api/recycle-bin/" + unpaid + "/restore", null))).isEqualTo(409);
        assertThat(status(post(app, "/api/recycle-bin/424242/restore", null))).isEqualTo(404);
        assertThat(status(app.get("/api/recycle-bin?limit=0"))).isEqualTo(400);
        assertThat(status(app.get("/api/recycle-bin?offset=x"))).isEqualTo(400);
    }

    @Test
    void aRestoredInvoiceIsRecycledAgainOnlyByANewCancelAndEachCycleHasItsOwnEvent() {
        String id = order(1, "shipped");
        app.pollNow();
        move(id, "failed_delivery", null);
        app.pollNow();
        assertThat(post(app, "/api/recycle-bin/" + id + "/restore", null).statusCode()).isEqualTo(200);

        // A later update of the same failed delivery leaves the operator's restore alone.
        lazadaClock.tick();
        lazada.touch(id);
        app.pollNow();
        assertThat(app.order(id).at("/invoice/recycled").asBoolean()).isFalse();

        // A new cancel recycles it again, as an event of its own (no clash on the ledger's unique key).
        move(id, "canceled", "cancellation-customer");
        app.pollNow();
        JsonNode o = app.order(id);
        assertThat(o.at("/invoice/recycled").asBoolean()).isTrue();
        assertThat(o.at("/invoice/recycleReason").asText()).isEqualTo("BUYER_CANCEL");
        assertThat(post(app, "/api/recycle-bin/" + id + "/restore", null).statusCode()).isEqualTo(200);

        JsonNode events = app.json("/api/orders/" + id + "/events");
        List<String> cycle = new java.util.ArrayList<>();
        events.forEach(e -> cycle.add(e.get("type").asText() + (e.has("subject") ? " " + e.get("subject").asText() : "")));
        assertThat(cycle).containsSubsequence("RECYCLE_INVOICE FAILED_DELIVERY", "RESTORE_INVOICE FAILED_DELIVERY",
                "RECYCLE_INVOICE BUYER_CANCEL#2", "RESTORE_INVOICE BUYER_CANCEL#2");
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
    }

    @Test
    void aDeadLetterIsReplayedFromAFreshFetchNeverFromItsStoredCopy() {
        String before = order(1, "pending");
        String refused = order(1, "pending");
        lazadaClock.tick();
        String after = order(1, "shipped");
        LedgerFaults faults = new LedgerFaults(app.jdbc());
        faults.refuseInvoiceOf(refused);
        app.pollNow();

        // The failing order blocked neither the orders before it nor those after it in the page.
        assertThat(app.order(before).get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(app.order(after).get("tab").asText()).isEqualTo("IN_DELIVERY");
        assertThat(app.json("/api/sync-health").at("/poll/watermark").asText()).endsWith("Z");
        JsonNode letters = app.json("/api/dead-letters");
        assertThat(letters.get("open").asInt()).isEqualTo(1);
        JsonNode letter = letters.get("deadLetters").get(0);
        assertThat(letter.get("orderId").asText()).isEqualTo(refused);
        assertThat(letter.get("errorClass").asText()).endsWith("UncategorizedSQLException");
        assertThat(letter.get("replayable").asBoolean()).isTrue();
        assertThat(letter.get("source").asText()).isEqualTo("poll");
        long id = letter.get("id").asLong();

        // While the ledger still refuses it, a replay fails again and the dead letter stays open.
        HttpResponse<String> again = post(app, "/api/dead-letters/" + id + "/replay", null);
        assertThat(again.statusCode()).isEqualTo(502);
        assertThat(json(again).get("error").asText()).isEqualTo("replay_failed");
        assertThat(app.json("/api/dead-letters?replayed=false").get("total").asInt()).isEqualTo(2);

        faults.heal();
        move(refused, "ready_to_ship", null);
        HttpResponse<String> replay = post(app, "/api/dead-letters/" + id + "/replay", null);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay).get("outcome").asText()).isEqualTo("applied");
        assertThat(json(replay).get("stage").asText()).isEqualTo("READY_TO_SHIP");
        assertThat(json(replay).get("replayedAt").asText()).endsWith("Z");
        assertThat(app.order(refused).get("stage").asText()).isEqualTo("READY_TO_SHIP");
        assertThat(app.json("/api/orders/" + refused + "/events").findValuesAsText("source")).containsOnly("replay");
        assertThat(app.json("/api/dead-letters?replayed=true").get("deadLetters").findValuesAsText("id")).contains(Long.toString(id));
    }

    @Test
    void deadLettersWithoutAnOrderOrUnknownAreRefusedClearly() {
        DeadLetters deadLetters = app.context().getRegistry().lookupByNameAndType("deadLetters", DeadLetters.class);
        long noOrder = deadLetters.record("default", null, "poll", "OffsetCapExceeded", "more than 5000 orders at one second", null);

        HttpResponse<String> r = post(app, "/api/dead-letters/" + noOrder + "/replay", null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("message").asText()).contains("names no order");
        assertThat(app.json("/api/dead-letters").get("deadLetters").get(0).get("replayable").asBoolean()).isFalse();
        assertThat(status(post(app, "/api/dead-letters/999999/replay", null))).isEqualTo(404);
        assertThat(status(post(app, "/api/dead-letters/abc/replay", null))).isEqualTo(400);
        assertThat(status(app.get("/api/dead-letters?replayed=maybe"))).isEqualTo(400);
    }

    @Test
    void resyncOfOneOrderFetchesItFreshAndReprocessesIt() {
        String id = order(2, "pending");
        app.pollNow();
        move(id, "shipped", null);

        HttpResponse<String> r = post(app, "/api/resync/orders/" + id, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = json(r);
        assertThat(answer.get("outcome").asText()).isEqualTo("applied");
        assertThat(answer.at("/order/tab").asText()).isEqualTo("IN_DELIVERY");
        assertThat(app.json("/api/orders/" + id + "/events").get(1).get("source").asText()).isEqualTo("resync");

        assertThat(json(post(app, "/api/resync/orders/" + id, null)).get("outcome").asText()).isEqualTo("unchanged");

        HttpResponse<String> unknown = post(app, "/api/resync/orders/424242", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("lazada_not_found");
    }

    @Test
    void aWindowResyncRunsInTheBackgroundAndShowsItsProgress() {
        List<String> ids = List.of(order(1, "pending"), order(1, "shipped"), order(2, "delivered"));
        String from = java.time.Instant.now().minus(java.time.Duration.ofHours(3)).toString();
        String to = java.time.Instant.now().toString();

        HttpResponse<String> started = post(app, "/api/resync?from=" + from + "&to=" + to, null);
        assertThat(started.statusCode()).isEqualTo(202);
        String job = json(started).get("id").asText();
        assertThat(json(started).get("state").asText()).isIn("RUNNING", "DONE");

        await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(app.json("/api/resync/" + job).get("state").asText()).isEqualTo("DONE"));
        JsonNode done = app.json("/api/resync/" + job);
        assertThat(done.get("ordersRead").asInt()).isEqualTo(3);
        assertThat(done.get("ordersInWindow").asInt()).isEqualTo(3);
        assertThat(done.get("finishedAt").asText()).endsWith("Z");
        for (String id : ids) {
            assertThat(app.json("/api/orders/" + id + "/events").get(0).get("source").asText()).isEqualTo("resync");
        }
        assertThat(app.json("/api/resync").get("resyncs").findValuesAsText("id")).contains(job);
        // A window read is no poll: the watermark has not moved.
        assertThat(app.json("/api/sync-health").at("/poll/watermark").isNull()).isTrue();

        assertThat(status(post(app, "/api/resync?to=" + to, null))).isEqualTo(400);
        assertThat(status(post(app, "/api/resync?from=yesterday", null))).isEqualTo(400);
        assertThat(status(post(app, "/api/resync?from=" + to + "&to=" + from, null))).isEqualTo(400);
        assertThat(status(post(app, "/api/resync?from=2020-01-01&to=2020-06-01", null))).isEqualTo(400);
        assertThat(status(app.get("/api/resync/nosuchjob"))).isEqualTo(404);
    }

    @Test
    void theReviewQueueListsOrdersNeedingAPersonAndResolvesThemWithANote() {
        String returned = order(1, "delivered");
        String fine = order(1, "pending");
        app.pollNow();
        move(returned, "returned", null);
        app.pollNow();

        JsonNode queue = app.json("/api/reviews?open=true");
        assertThat(queue.get("total").asInt()).isEqualTo(1);
        JsonNode review = queue.get("reviews").get(0);
        assertThat(review.get("sellerId").asText()).isEqualTo("default");
        assertThat(review.get("orderId").asText()).isEqualTo(returned);
        assertThat(review.get("orderNumber").asText()).isNotBlank();
        assertThat(review.get("reason").asText()).isEqualTo("RETURN_REQUESTED");
        assertThat(review.get("detail").asText()).startsWith("return ").contains("REQUEST_INITIATE");
        assertThat(review.has("dueAt")).isTrue();
        assertThat(review.get("openedAt").asText()).endsWith("Z");
        assertThat(app.json("/api/reviews").get("total").asInt()).isEqualTo(1);

        assertThat(status(post(app, "/api/reviews/" + returned + "/resolve", null))).isEqualTo(400);
        assertThat(status(post(app, "/api/reviews/" + returned + "/resolve", "not json"))).isEqualTo(400);
        assertThat(status(post(app, "/api/reviews/" + returned + "/resolve", "{\"note\": \"  \"}"))).isEqualTo(400);
        assertThat(status(post(app, "/api/reviews/" + returned + "/resolve", "{\"note\": \"" + "x".repeat(2001) + "\"}"))).isEqualTo(400);

        HttpResponse<String> resolved = post(app, "/api/reviews/" + returned + "/resolve", "{\"note\": \"Refund of 1 line booked in the POS\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(json(resolved).get("resolved")).extracting(JsonNode::asText).containsExactly("RETURN_REQUESTED");
        assertThat(app.json("/api/reviews?open=true").get("total").asInt()).isZero();
        assertThat(app.order(returned).get("manualReview").asBoolean()).isFalse();
        JsonNode closed = app.json("/api/reviews?open=false").get("reviews").get(0);
        assertThat(closed.get("note").asText()).isEqualTo("Refund of 1 line booked in the POS");
        JsonNode last = app.json("/api/orders/" + returned + "/events");
        JsonNode event = last.get(last.size() - 1);
        assertThat(event.get("type").asText()).isEqualTo("RESOLVE_REVIEW");
        assertThat(event.get("subject").asText()).isEqualTo("RETURN_REQUESTED");
        assertThat(event.get("note").asText()).isEqualTo("Refund of 1 line booked in the POS");

        assertThat(status(post(app, "/api/reviews/" + returned + "/resolve", "{\"note\": \"again\"}"))).isEqualTo(409);
        assertThat(status(post(app, "/api/reviews/" + fine + "/resolve", "{\"note\": \"nothing\"}"))).isEqualTo(409);
        assertThat(status(post(app, "/api/reviews/424242/resolve", "{\"note\": \"nothing\"}"))).isEqualTo(404);
        assertThat(status(app.get("/api/reviews?open=perhaps"))).isEqualTo(400);
    }

    @Test
    void syncHealthGathersTheHealthPanel() {
        order(1, "pending");
        app.pollNow();
        JsonNode h = app.json("/api/sync-health");
        assertThat(h.get("sellerId").asText()).isEqualTo("default");
        assertThat(h.at("/poll/lastSuccessAt").asText()).endsWith("Z");
        assertThat(h.at("/poll/watermark").asText()).endsWith("Z");
        assertThat(h.at("/push/inbox").asBoolean()).isTrue();
        assertThat(h.at("/lazada/reachable").asBoolean()).isTrue();
        assertThat(h.at("/lazada/tokenValid").asBoolean()).isTrue();
        assertThat(h.at("/lazada/tokenExpiresAt").isNull()).isTrue();
        assertThat(h.at("/deadLetters/open").asInt()).isZero();
        assertThat(h.at("/routeReload/enabled").asBoolean()).isFalse();
        assertThat(h.at("/posEvents/enabled").asBoolean()).isFalse();
        assertThat(h.get("checks").findValuesAsText("id"))
                .containsExactly("ledger-database", "lazada-api", "poll-freshness", "push-inbox", "route-files", "pos-events");
        assertThat(h.get("checks").findValuesAsText("state")).containsOnly("UP");
    }

    @Test
    void postsFromAnotherSiteAreRefused() {
        String id = order(1, "pending");
        app.pollNow();
        HttpResponse<String> r = post(app, "/api/resync/orders/" + id, null, "Origin", "http://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("error").asText()).isEqualTo("cross_origin");
        HttpResponse<String> same = post(app, "/api/resync/orders/" + id, null, "Origin", "http://127.0.0.1:" + app.port());
        assertThat(same.statusCode()).isEqualTo(200);
    }
}
