package io.lazadapos.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lazadapos.sandbox.LazadaSandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The events outbox against a real HTTP receiver: every ledger event delivered, signed, in order per
 * order, with the order's documents; a receiver that refuses, errs and goes away gets everything in
 * the end, nothing skipped; a file target; a rewind; a target that is not an endpoint stops the start.
 */
class PosEventsDeliveryTest {

    private static final String SECRET = "s3cret-of-the-shop";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> settings(String uri) {
        Map<String, String> s = RunningApp.defaults();
        s.put("pos.events.uri", uri);
        s.put("pos.events.secret", SECRET);
        s.put("pos.events.batch", "40");
        s.put("pos.events.interval", "100ms");
        s.put("pos.events.retry-delay", "50ms");
        s.put("pos.events.retry-max-delay", "400ms");
        s.put("pos.events.gap-wait", "2s");
        return s;
    }

    /** The ledger's events, as (id, orderId, type, subject), by id. */
    private static List<String> ledgerEvents(RunningApp app) {
        List<String> all = new ArrayList<>();
        for (Map<String, Object> row : app.jdbc().queryForList("SELECT id, order_id, type, subject FROM ledger_event ORDER BY id")) {
            Map<String, Object> r = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.putAll(row);
            String subject = (String) r.get("subject");
            all.add(r.get("id") + " " + r.get("order_id") + " " + r.get("type") + (subject == null || subject.isEmpty() ? "" : " " + subject));
        }
        return all;
    }

    private static List<String> delivered(List<JsonNode> events) {
        List<String> all = new ArrayList<>();
        for (JsonNode e : events) {
            all.add(e.get("id").asLong() + " " + e.get("orderId").asText() + " " + e.get("type").asText()
                    + (e.get("subject").isNull() ? "" : " " + e.get("subject").asText()));
        }
        all.sort((a, b) -> Long.compare(Long.parseLong(a.split(" ")[0]), Long.parseLong(b.split(" ")[0])));
        return all;
    }

    private static void makeOrdersAndMoveThem(RunningApp app, TestClock clock, int orders) {
        LazadaSandbox lazada = app.sandbox();
        lazada.generateBackfill(orders);
        app.pollNow();
        clock.advance(Duration.ofMinutes(1));
        LazadaMoves.moveOn(lazada, lazada.orders(), new Random(3), orders / 3);
        app.pollNow();
    }

    @Test
    void everyEventIsDeliveredSignedInOrderWithItsOrder() throws Exception {
        TestClock clock = TestClock.anHourAgo();
        try (EventReceiver receiver = new EventReceiver(SECRET);
                RunningApp app = RunningApp.start(settings(receiver.url().replace("http://", "http://shop:pa55word@")),
                        Map.of("sandboxClock", clock))) {
            makeOrdersAndMoveThem(app, clock, 300);
            List<String> ledger = ledgerEvents(app);
            assertThat(ledger).hasSizeGreaterThan(300);
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.acceptedEvents().size() >= ledger.size());

            assertThat(delivered(receiver.acceptedEvents())).isEqualTo(ledger);
            List<EventReceiver.Request> requests = receiver.requests();
            assertThat(requests).allMatch(EventReceiver.Request::signatureValid);
            // The URL's user info is sent as Basic authentication.
            assertThat(requests).allMatch(r -> ("Basic " + java.util.Base64.getEncoder().encodeToString("shop:pa55word".getBytes()))
                    .equals(r.authorization()));
            for (EventReceiver.Request r : requests) {
                List<Long> ids = r.ids();
                assertThat(ids).hasSizeBetween(1, 40).isSorted();
                assertThat(r.eventIds()).isEqualTo(ids.get(0) + "-" + ids.get(ids.size() - 1));
                assertThat(r.idempotencyKey()).isEqualTo(Long.toString(ids.get(ids.size() - 1)));
            }
            // In arrival order, each order's events come in the order they were written.
            Map<String, List<Long>> perOrder = new LinkedHashMap<>();
            receiver.acceptedEvents().forEach(e -> perOrder.computeIfAbsent(e.get("orderId").asText(), k -> new ArrayList<>()).add(e.get("id").asLong()));
            perOrder.values().forEach(ids -> assertThat(ids).isSorted());

            // Each event carries the order as GET /api/orders/{orderId} shows it at sending time.
            JsonNode last = receiver.acceptedEvents().get(receiver.acceptedEvents().size() - 1);
            assertThat(last.get("occurredAt").asText()).endsWith("Z");
            assertThat(last.get("source").asText()).isNotBlank();
            assertThat(last.get("sellerId").asText()).isEqualTo("default");
            JsonNode order = last.get("order");
            JsonNode api = app.order(last.get("orderId").asText());
            assertThat(order.get("orderId")).isEqualTo(api.get("orderId"));
            assertThat(order.get("stage")).isEqualTo(api.get("stage"));
            JsonNode invoiced = receiver.acceptedEvents().stream().filter(e -> e.get("type").asText().equals("ADD_PAYMENT")).findFirst().orElseThrow();
            assertThat(invoiced.at("/order/invoice/total").isTextual()).as("money as a decimal string").isTrue();

            JsonNode status = app.json("/api/pos-events");
            assertThat(status.get("enabled").asBoolean()).isTrue();
            assertThat(status.get("target").asText()).isEqualTo(receiver.url().replace("http://", "http://***@"));
            assertThat(status.toString()).doesNotContain("pa55word").doesNotContain(SECRET);
            assertThat(status.get("deliveredUpTo").asLong()).isEqualTo(Long.parseLong(ledger.get(ledger.size() - 1).split(" ")[0]));
            assertThat(status.get("pending").asLong()).isZero();
            assertThat(app.json("/observe/health").toString()).contains("pos-events");
            assertThat(app.get("/observe/metrics").body()).contains("lazadapos_pos_events_delivered_total");
            assertThat(app.json("/api/sync-health").at("/posEvents/deliveredUpTo").asLong()).isEqualTo(status.get("deliveredUpTo").asLong());
        }
    }

    @Test
    void aReceiverThatRefusesErrsAndGoesAwayGetsEverythingInTheEnd() throws Exception {
        TestClock clock = TestClock.anHourAgo();
        try (EventReceiver receiver = new EventReceiver(SECRET);
                RunningApp app = RunningApp.start(settings(receiver.url()), Map.of("sandboxClock", clock))) {
            receiver.failShare(0.25);
            makeOrdersAndMoveThem(app, clock, 150);
            // The integrator deploys a fix: 422 with a reason, for a while.
            receiver.answer(422, "{\"error\":\"unknown field convertedFrom\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> app.json("/api/pos-events").at("/lastError/status").asInt() == 422);
            JsonNode refused = app.json("/api/pos-events");
            assertThat(refused.at("/lastError/message").asText()).contains("unknown field convertedFrom");
            assertThat(refused.get("attempts").asLong()).isPositive();
            receiver.answer(200, "");
            // Then it is away for a while, and Lazada moves on meanwhile.
            receiver.stop();
            clock.advance(Duration.ofMinutes(1));
            LazadaMoves.moveOn(app.sandbox(), app.sandbox().orders(), new Random(5), 40);
            app.pollNow();
            await().atMost(Duration.ofSeconds(20)).until(() -> app.json("/api/pos-events").at("/lastError/message").asText().contains("onnect"));
            receiver.start();

            List<String> ledger = ledgerEvents(app);
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(receiver.acceptedEvents()).equals(ledger));
            // Refused requests were sent again, the accepted ones not: ids arrive in order, no gap, no repeat.
            List<Long> ids = receiver.acceptedIds();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(receiver.requests().size()).isGreaterThan(receiver.accepted().size());
            JsonNode status = app.json("/api/pos-events");
            assertThat(status.get("pending").asLong()).isZero();
            assertThat(status.get("attempts").asLong()).isZero();

            // An operator's repair: the receiver lost events from some id on; they are sent again.
            long from = ids.get(ids.size() / 2);
            int before = receiver.accepted().size();
            assertThat(app.post("/api/pos-events/rewind?to=" + from, new byte[0]).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.acceptedIds().size() >= ids.size() + (ids.size() - ids.indexOf(from)));
            List<Long> again = new ArrayList<>();
            receiver.accepted().subList(before, receiver.accepted().size()).forEach(r -> again.addAll(r.ids()));
            assertThat(again.get(0)).isEqualTo(from);
            assertThat(again).isSorted();
            assertThat(app.post("/api/pos-events/rewind?to=abc", new byte[0]).statusCode()).isEqualTo(400);
            assertThat(app.post("/api/pos-events/rewind?to=" + (ids.get(ids.size() - 1) + 10), new byte[0]).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aFileTargetGetsEachRequestAsAFileInDeliveryOrder(@TempDir Path dir) throws Exception {
        TestClock clock = TestClock.anHourAgo();
        Path folder = dir.resolve("pos-events");
        try (RunningApp app = RunningApp.start(settings("file:" + folder), Map.of("sandboxClock", clock))) {
            makeOrdersAndMoveThem(app, clock, 90);
            List<String> ledger = ledgerEvents(app);
            await().atMost(Duration.ofSeconds(30)).until(() -> app.json("/api/pos-events").get("pending").asLong() == 0);
            List<JsonNode> events = new ArrayList<>();
            try (var files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    assertThat(f.getFileName().toString()).matches("pos-events-\\d{19}-\\d{19}\\.json");
                    JSON.readTree(f.toFile()).get("events").forEach(events::add);
                }
            }
            assertThat(delivered(events)).isEqualTo(ledger);
        }
    }

    @Test
    void anUnsetTargetSendsNothingAndATargetThatIsNoEndpointStopsTheStart() {
        try (RunningApp app = RunningApp.start(RunningApp.defaults())) {
            JsonNode status = app.json("/api/pos-events");
            assertThat(status.get("enabled").asBoolean()).isFalse();
            assertThat(app.post("/api/pos-events/rewind?to=1", new byte[0]).statusCode()).isEqualTo(409);
            assertThat(app.context().getRoute("pos-events-timer")).isNull();
        }
        Throwable refused = null;
        try (RunningApp app = RunningApp.start(settings("nosuchscheme://user:hunter2@somewhere/x"))) {
            // not reached
        } catch (RuntimeException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages.toString()).contains("POS_EVENTS_URI").doesNotContain("hunter2");
    }
}
