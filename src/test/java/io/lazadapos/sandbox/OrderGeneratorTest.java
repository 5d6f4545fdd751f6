package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The made-up orders: determinism, the mix of fates, money that adds up, speed. */
class OrderGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");
    private static final DateTimeFormatter ISO_JAKARTA = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(7));

    private static SandboxSettings fixedAt(Instant now, long seed) {
        return SandboxSettings.defaults().withClock(Clock.fixed(now, ZoneOffset.UTC)).withSeed(seed);
    }

    @Test
    void theSameSeedAndClockGiveTheSameOrders() {
        try (LazadaSandbox a = LazadaSandbox.start(fixedAt(NOW, 7));
             LazadaSandbox b = LazadaSandbox.start(fixedAt(NOW, 7));
             LazadaSandbox other = LazadaSandbox.start(fixedAt(NOW, 8))) {
            a.generateBackfill(2000);
            b.generateBackfill(2000);
            other.generateBackfill(2000);

            assertThat(a.orders()).hasSize(2000).isEqualTo(b.orders());
            assertThat(other.orders()).isNotEqualTo(a.orders());
            Map<String, String> page = Map.of("created_after", ISO_JAKARTA.format(NOW.minus(Duration.ofDays(4))), "offset", "300");
            assertThat(new SignedClient(a).get("/orders/get", page).path("data"))
                    .isEqualTo(new SignedClient(b).get("/orders/get", page).path("data"));
        }
    }

    @Test
    void theMixCoversEveryStatusFamily() {
        try (LazadaSandbox sandbox = LazadaSandbox.start(fixedAt(NOW, 42))) {
            sandbox.generateBackfill(5000);
            List<SandboxOrderView> orders = sandbox.orders();
            List<SandboxItemView> items = orders.stream().flatMap(o -> o.items().stream()).toList();

            Map<String, Long> byStatus = items.stream().collect(Collectors.groupingBy(SandboxItemView::status, TreeMap::new, Collectors.counting()));
            Map<String, Long> byInitiator = items.stream().filter(i -> i.status().equals("canceled"))
                    .collect(Collectors.groupingBy(SandboxItemView::cancelReturnInitiator, TreeMap::new, Collectors.counting()));
            Map<Integer, Long> bySize = orders.stream().collect(Collectors.groupingBy(o -> o.items().size(), TreeMap::new, Collectors.counting()));
            long partialCancels = count(orders, o -> o.statuses().contains("canceled") && o.statuses().size() > 1);
            long mixedLive = count(orders, o -> !o.statuses().contains("canceled") && o.statuses().size() > 1);
            long mismatches = count(orders, SandboxOrderView::amountMismatch);
            long cancelRequests = count(orders, o -> o.items().stream().anyMatch(i -> i.cancelTriggerTime() != null));
            Set<String> reverseTypes = items.stream().map(SandboxItemView::reverseRequestType).filter(t -> t != null).collect(Collectors.toSet());
            System.out.printf("5000 generated orders: items by status %s; cancel initiators %s; orders by size %s; "
                            + "partial cancels %d, mixed live statuses %d, amount mismatches %d, buyer cancel requests %d%n",
                    byStatus, byInitiator, bySize, partialCancels, mixedLive, mismatches, cancelRequests);

            assertThat(byStatus.keySet()).contains("unpaid", "pending", "packed", "ready_to_ship", "shipped", "delivered",
                    "confirmed", "canceled", "failed_delivery", "shipped_back", "shipped_back_success", "returned");
            assertThat(byInitiator.keySet()).contains("cancellation-seller", "cancellation-customer", "buyer-cancel", "system-cancel");
            assertThat(bySize.keySet()).containsExactly(1, 2, 3, 4, 5);
            assertThat(bySize.get(1)).isBetween(2000L, 3000L);
            assertThat(partialCancels).isBetween(100L, 500L);
            assertThat(mixedLive).isPositive();
            assertThat(mismatches).isBetween(15L, 100L);
            assertThat(cancelRequests).isPositive();
            assertThat(reverseTypes).containsExactlyInAnyOrder("RETURN", "ONLY_REFUND");
            // Unpaid orders expire after about 30 minutes: none older stays unpaid.
            assertThat(orders).filteredOn(o -> o.statuses().contains("unpaid"))
                    .isNotEmpty()
                    .allSatisfy(o -> assertThat(o.createdAt()).isAfter(NOW.minus(Duration.ofMinutes(33))));
            assertThat(orders).allSatisfy(o -> assertThat(o.updatedAt()).isBeforeOrEqualTo(NOW).isAfterOrEqualTo(o.createdAt()));
            assertThat(orders.get(0).createdAt()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(3)));
        }
    }

    @Test
    void amountsAddUpOnTheWireExceptDeliberateMismatches() {
        try (LazadaSandbox sandbox = LazadaSandbox.start(fixedAt(NOW, 3))) {
            sandbox.generateBackfill(3000);
            Map<String, SandboxOrderView> truth = sandbox.orders().stream().collect(Collectors.toMap(SandboxOrderView::orderId, o -> o));
            SignedClient client = new SignedClient(sandbox);

            Map<String, JsonNode> rows = new HashMap<>();
            for (int offset = 0; offset < 3000; offset += 100) {
                JsonNode data = client.get("/orders/get", Map.of("created_after", ISO_JAKARTA.format(NOW.minus(Duration.ofDays(4))),
                        "sort_by", "created_at", "sort_direction", "ASC", "offset", Integer.toString(offset))).path("data");
                assertThat(data.path("countTotal").asInt()).isEqualTo(3000);
                data.path("orders").forEach(row -> rows.put(LazadaWire.id(row.path("order_id")), row));
            }
            assertThat(rows.keySet()).isEqualTo(truth.keySet());

            Set<String> shapes = new HashSet<>();
            List<String> ids = new ArrayList<>(rows.keySet());
            int checked = 0;
            for (int from = 0; from < ids.size(); from += 50) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + 50));
                JsonNode data = client.get("/orders/items/get", Map.of("order_ids", "[" + String.join(",", batch) + "]")).path("data");
                assertThat(data).hasSize(batch.size());
                for (JsonNode entry : data) {
                    String id = LazadaWire.id(entry.path("order_id"));
                    JsonNode row = rows.get(id);
                    BigDecimal buyerPaid = LazadaWire.money(row.path("price")).subtract(LazadaWire.money(row.path("voucher")))
                            .add(LazadaWire.money(row.path("shipping_fee")));
                    BigDecimal itemsTotal = BigDecimal.ZERO;
                    for (JsonNode item : entry.path("order_items")) {
                        BigDecimal paid = LazadaWire.money(item.path("paid_price"));
                        assertThat(paid).isEqualByComparingTo(LazadaWire.money(item.path("item_price")).subtract(LazadaWire.money(item.path("voucher_amount"))));
                        itemsTotal = itemsTotal.add(paid).add(LazadaWire.money(item.path("shipping_amount")));
                    }
                    boolean adds = buyerPaid.compareTo(itemsTotal) == 0;
                    assertThat(adds).as("order %s adds up", id).isEqualTo(!truth.get(id).amountMismatch());
                    assertThat(row.path("items_count").asInt()).isEqualTo(entry.path("order_items").size());
                    shapes.add(row.path("price").isTextual() ? "string amounts" : "number amounts");
                    shapes.add(row.path("order_id").isTextual() ? "string ids" : "number ids");
                    shapes.add(row.path("created_at").asText().contains("T") ? "iso dates" : "spaced dates");
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(3000);
            assertThat(shapes).containsExactlyInAnyOrder("string amounts", "number amounts", "string ids", "number ids",
                    "iso dates", "spaced dates");
        }
    }

    @Test
    void aBackfillOf20000OrdersIsFast() {
        try (LazadaSandbox sandbox = LazadaSandbox.start(fixedAt(NOW, 11))) {
            sandbox.generateBackfill(500); // warm up
            long started = System.nanoTime();
            sandbox.generateBackfill(20_000);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("Backfill of 20,000 orders took %d ms%n", millis);
            assertThat(sandbox.orderCount("default")).isEqualTo(20_500);
        }
    }

    @Test
    void getOrdersStaysFastWith100000Orders() {
        try (LazadaSandbox sandbox = LazadaSandbox.start(fixedAt(NOW, 5))) {
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long heapBefore = runtime.totalMemory() - runtime.freeMemory();
            long started = System.nanoTime();
            sandbox.generateBackfill(100_000);
            long backfillMillis = (System.nanoTime() - started) / 1_000_000;
            System.gc();
            long heapAfter = runtime.totalMemory() - runtime.freeMemory();
            SignedClient client = new SignedClient(sandbox);
            Map<String, String> deepPage = Map.of("update_after", ISO_JAKARTA.format(NOW.minus(Duration.ofDays(4))),
                    "sort_by", "updated_at", "sort_direction", "ASC", "offset", "4900", "limit", "100");
            for (int i = 0; i < 5; i++) client.get("/orders/get", deepPage); // warm up
            int calls = 20;
            started = System.nanoTime();
            JsonNode last = null;
            for (int i = 0; i < calls; i++) last = client.get("/orders/get", deepPage);
            double perCall = (System.nanoTime() - started) / 1e6 / calls;
            System.out.printf("100,000 orders: backfill %d ms, heap grew ~%d MiB; /orders/get (offset 4900, 100 rows) %.1f ms per call%n",
                    backfillMillis, (heapAfter - heapBefore) >> 20, perCall);
            assertThat(last.path("data").path("countTotal").asInt()).isEqualTo(100_000);
            assertThat(last.path("data").path("count").asInt()).isEqualTo(100);
        }
    }

    @Test
    void backfillHistoryIsSilentButWhatHappensAfterwardsIsTold() {
        MutableClock clock = new MutableClock(NOW);
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults().withClock(clock))) {
            List<Instant> heard = new CopyOnWriteArrayList<>();
            sandbox.addStatusListener((seller, order, item, status, at) -> heard.add(at));
            sandbox.generateBackfill(500);
            assertThat(heard).isEmpty();

            clock.advance(Duration.ofHours(12));
            int applied = sandbox.advance();

            assertThat(applied).isPositive();
            assertThat(heard).isNotEmpty().allSatisfy(at -> assertThat(at).isEqualTo(NOW.plus(Duration.ofHours(12))));
            assertThat(sandbox.advance()).as("nothing is applied twice").isZero();
        }
    }

    @Test
    void liveOrdersArriveAtTheConfiguredRateWhateverTheThreadsDo() throws InterruptedException {
        MutableClock ticking = new MutableClock(NOW);
        MutableClock manual = new MutableClock(NOW);
        SandboxSettings live = SandboxSettings.defaults().withLiveOrdersPerMinute(30).withSeed(9);
        AtomicInteger tickingEvents = new AtomicInteger();
        AtomicInteger manualEvents = new AtomicInteger();
        try (LazadaSandbox a = LazadaSandbox.start(live.withClock(ticking).withTickInterval(Duration.ofMillis(2)));
             LazadaSandbox b = LazadaSandbox.start(live.withClock(manual).withTickInterval(Duration.ofHours(1)))) {
            a.addStatusListener((seller, order, item, status, at) -> tickingEvents.incrementAndGet());
            b.addStatusListener((seller, order, item, status, at) -> manualEvents.incrementAndGet());
            for (int minute = 0; minute < 90; minute++) {
                ticking.advance(Duration.ofMinutes(1));
                manual.advance(Duration.ofMinutes(1));
                Thread.sleep(1); // let a's generator thread run at whatever moments it likes
                a.advance();
                b.advance();
            }

            List<SandboxOrderView> orders = b.orders();
            System.out.printf("Live generator: %d orders in 90 minutes at 30/min, %d status events%n", orders.size(), manualEvents.get());
            assertThat(orders.size()).isBetween(2200, 3200);
            assertThat(a.orders()).isEqualTo(orders);
            assertThat(tickingEvents.get()).isEqualTo(manualEvents.get());
            assertThat(orders).anySatisfy(o -> assertThat(o.statuses()).containsExactly("canceled")); // expired unpaid orders
            assertThat(orders).allSatisfy(o -> assertThat(o.createdAt()).isAfter(NOW));
        }
    }

    private static long count(List<SandboxOrderView> orders, Predicate<SandboxOrderView> test) {
        return orders.stream().filter(test).count();
    }
}
