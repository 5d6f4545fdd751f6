package io.lazadapos.it;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test of the order router: random histories of multi-item orders (partial cancels,
 * failed deliveries, returns) are delivered by two concurrent sources with duplicates, losses and
 * reordering. For every history the ledger must equal what pos-flow.md gives for the newest
 * snapshot, and no ledger event may be written twice. The rules are restated here, independently
 * of the production code. {@code -Dmodel.sequences=N -Dmodel.seed=S} runs more or other histories.
 */
class OrderModelTest {

    private static final int SEQUENCES = Integer.getInteger("model.sequences", 300);
    private static final long SEED = Long.getLong("model.seed", 20261130L);
    private static final Instant START = Instant.parse("2026-11-20T03:00:00Z");

    private static RunningApp app;
    private static ExecutorService sources;

    @BeforeAll
    static void start() {
        Map<String, String> settings = RunningApp.defaults();
        settings.put("lazada.returns-enabled", "false");
        app = RunningApp.start(settings);
        sources = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        sources.shutdownNow();
        app.close();
    }

    // ------------------------------------------------------------------ Lazada's item lifecycle

    private static final Map<String, List<String>> NEXT = Map.ofEntries(
            Map.entry("unpaid", List.of("pending", "canceled")),
            Map.entry("pending", List.of("packed", "canceled")),
            Map.entry("packed", List.of("ready_to_ship", "canceled")),
            Map.entry("ready_to_ship", List.of("shipped", "canceled")),
            Map.entry("shipped", List.of("delivered", "delivered", "failed_delivery", "lost_by_3pl")),
            Map.entry("failed_delivery", List.of("shipped_back")),
            Map.entry("shipped_back", List.of("shipped_back_success")),
            Map.entry("delivered", List.of("returned", "confirmed")),
            Map.entry("confirmed", List.of("returned")));

    private static final List<String> INITIATORS = List.of("cancellation-seller", "cancellation-customer", "buyer-cancel", "system-cancel");

    /** One item as Lazada holds it at one moment. */
    private record Item(String id, String status, BigDecimal paid, BigDecimal shipping, String initiator) {
    }

    private static final class History {
        final String orderId;
        final List<OrderSnapshot> snapshots = new ArrayList<>();
        final BigDecimal price;
        final BigDecimal shippingFee;

        History(String orderId, BigDecimal price, BigDecimal shippingFee) {
            this.orderId = orderId;
            this.price = price;
            this.shippingFee = shippingFee;
        }

        OrderSnapshot newest() {
            return snapshots.get(snapshots.size() - 1);
        }
    }

    private static History history(Random r, int n) {
        String orderId = Long.toString(700_000_000_000L + n);
        int count = 1 + r.nextInt(4);
        List<Item> items = new ArrayList<>();
        String first = r.nextInt(3) == 0 ? "unpaid" : "pending";
        BigDecimal price = BigDecimal.ZERO;
        BigDecimal fee = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            BigDecimal paid = BigDecimal.valueOf(1000 + r.nextInt(500_000), 2);
            BigDecimal ship = BigDecimal.valueOf(r.nextInt(3) * 500L, 2);
            items.add(new Item(orderId + "0" + i, first, paid, ship, null));
            price = price.add(paid);
            fee = fee.add(ship);
        }
        History h = new History(orderId, price, fee);
        long second = 0;
        h.snapshots.add(snapshot(h, items, second));
        int steps = r.nextInt(10);
        for (int s = 0; s < steps; s++) {
            List<Item> next = new ArrayList<>(items);
            boolean together = r.nextInt(4) != 0 || items.stream().allMatch(i -> i.status().equals("unpaid"));
            boolean moved = false;
            if (together) {
                String common = items.get(0).status();
                if (items.stream().allMatch(i -> i.status().equals(common)) && NEXT.containsKey(common)) {
                    String to = pick(r, NEXT.get(common));
                    String initiator = to.equals("canceled") ? (common.equals("unpaid") ? "system-cancel" : pick(r, INITIATORS)) : null;
                    for (int i = 0; i < next.size(); i++) {
                        Item it = next.get(i);
                        next.set(i, new Item(it.id(), to, it.paid(), it.shipping(), initiator == null ? it.initiator() : initiator));
                    }
                    moved = true;
                }
            }
            if (!moved) {
                int i = r.nextInt(next.size());
                Item it = next.get(i);
                if (NEXT.containsKey(it.status()) && !it.status().equals("unpaid")) {
                    String to = pick(r, NEXT.get(it.status()));
                    next.set(i, new Item(it.id(), to, it.paid(), it.shipping(), to.equals("canceled") ? pick(r, INITIATORS) : it.initiator()));
                    moved = true;
                }
            }
            if (!moved) {
                continue;
            }
            boolean stageChanged = !stageKey(items).equals(stageKey(next));
            // Lazada's updated_at has seconds only: a stage change may share its second with the one before.
            second += stageChanged && r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(3600);
            items = next;
            h.snapshots.add(snapshot(h, items, second));
        }
        return h;
    }

    private static String stageKey(List<Item> items) {
        return items.stream().map(i -> Model.stageOf(i.status())).toList().toString();
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static OrderSnapshot snapshot(History h, List<Item> items, long second) {
        Instant updated = START.plusSeconds(second);
        List<LazadaOrderItem> lazadaItems = new ArrayList<>();
        for (Item i : items) {
            lazadaItems.add(new LazadaOrderItem(i.id(), i.status(), "SKU-" + i.id(), null, "Item " + i.id(), null, i.paid(), i.paid(),
                    i.shipping(), BigDecimal.ZERO, "IDR", i.initiator(), null, false, false, null, null, null, START, updated));
        }
        List<String> statuses = new ArrayList<>(new TreeSet<>(items.stream().map(Item::status).toList()));
        LazadaOrder order = new LazadaOrder(h.orderId, "N" + h.orderId, START, updated, statuses, items.size(), h.price,
                BigDecimal.ZERO, h.shippingFee, "COD", false, false);
        return new OrderSnapshot("default", order, lazadaItems, "poll");
    }

    // ------------------------------------------------------------------ the rules, restated

    /** pos-flow.md's derivation, written again so that a misreading cannot hide in both. */
    static final class Model {
        static String stageOf(String status) {
            return switch (status) {
                case "unpaid" -> "AWAITING_PAYMENT";
                case "pending", "repacked" -> "PAID";
                case "packed", "ready_to_ship", "ready_to_ship_pending", "topack", "toship" -> "READY_TO_SHIP";
                case "shipped", "shipping" -> "SHIPPED";
                case "delivered", "confirmed" -> "DELIVERED";
                case "canceled" -> "CANCELED";
                case "returned" -> "RETURNED";
                case "failed_delivery", "failed", "shipped_back", "shipped_back_success", "shipped_back_failed",
                        "package_scrapped", "lost", "lost_by_3pl", "damaged_by_3pl" -> "FAILED_DELIVERY";
                default -> "UNMAPPED";
            };
        }

        static final List<String> FORWARD = List.of("AWAITING_PAYMENT", "PAID", "READY_TO_SHIP", "SHIPPED", "DELIVERED");

        /** The order's stage and the items whose lines leave the document. */
        static Map.Entry<String, Set<String>> derive(List<LazadaOrderItem> items) {
            Set<String> removed = new TreeSet<>();
            List<LazadaOrderItem> remaining = new ArrayList<>();
            for (LazadaOrderItem i : items) {
                if (stageOf(i.status()).equals("CANCELED")) {
                    removed.add(i.orderItemId());
                } else {
                    remaining.add(i);
                }
            }
            if (remaining.isEmpty()) {
                return Map.entry("CANCELED", Set.of());
            }
            List<LazadaOrderItem> failed = remaining.stream().filter(i -> stageOf(i.status()).equals("FAILED_DELIVERY")).toList();
            if (remaining.stream().anyMatch(i -> stageOf(i.status()).equals("RETURNED"))) {
                failed.forEach(i -> removed.add(i.orderItemId()));
                return Map.entry("RETURNED", removed);
            }
            if (failed.size() == remaining.size()) {
                return Map.entry("FAILED_DELIVERY", removed);
            }
            failed.forEach(i -> removed.add(i.orderItemId()));
            int least = remaining.stream().filter(i -> !failed.contains(i)).mapToInt(i -> FORWARD.indexOf(stageOf(i.status()))).min().orElseThrow();
            return Map.entry(FORWARD.get(least), removed);
        }

        static String tab(String stage) {
            return switch (stage) {
                case "AWAITING_PAYMENT" -> "UNPAID";
                case "PAID", "READY_TO_SHIP" -> "NEW_ORDER";
                case "SHIPPED", "DELIVERED" -> "IN_DELIVERY";
                case "CANCELED", "FAILED_DELIVERY" -> "CANCELED";
                case "RETURNED" -> "COMPLAINED";
                default -> "UNMAPPED";
            };
        }

        static String cancelReason(String initiator) {
            if (initiator == null || initiator.contains("system")) {
                return "SYSTEM_CANCEL";
            }
            return initiator.contains("seller") ? "SELLER_CANCEL" : "BUYER_CANCEL";
        }
    }

    // ------------------------------------------------------------------ the test

    private void deliver(List<OrderSnapshot> snapshots) {
        for (OrderSnapshot s : snapshots) {
            app.template().sendBody("direct:sync-order", s);
        }
    }

    @Test
    void everyHistoryEndsAsTheNewestSnapshotSaysWithNoEventTwice() throws Exception {
        Random random = new Random(SEED);
        Map<String, String> stagesSeen = new HashMap<>();
        for (int n = 0; n < SEQUENCES; n++) {
            History h = history(random, n);
            // Source A (the poll): every snapshot in order, some twice. Source B (pushes): a shuffled share, the newest among them.
            List<OrderSnapshot> a = new ArrayList<>();
            for (OrderSnapshot s : h.snapshots) {
                a.add(s);
                if (random.nextInt(4) == 0) {
                    a.add(s);
                }
            }
            List<OrderSnapshot> b = new ArrayList<>();
            for (OrderSnapshot s : h.snapshots) {
                if (random.nextBoolean()) {
                    b.add(withSource(s, "push"));
                }
            }
            b.add(withSource(h.newest(), "push"));
            Collections.shuffle(b, random);
            if (random.nextBoolean()) {
                Collections.shuffle(a, random);
                a.add(h.newest());
            }
            Future<?> fa = sources.submit(() -> deliver(a));
            Future<?> fb = sources.submit(() -> deliver(b));
            fa.get(60, TimeUnit.SECONDS);
            fb.get(60, TimeUnit.SECONDS);
            String stage = check(h, "seed " + SEED + " history " + n);
            stagesSeen.merge(stage, "x", String::concat);
        }
        assertThat(stagesSeen.keySet()).contains("AWAITING_PAYMENT", "PAID", "READY_TO_SHIP", "SHIPPED", "DELIVERED", "RETURNED",
                "CANCELED", "FAILED_DELIVERY");
        assertThat(app.count("SELECT COUNT(*) FROM (SELECT seller_id, order_id, type, subject FROM ledger_event "
                + "GROUP BY seller_id, order_id, type, subject HAVING COUNT(*) > 1) d")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
    }

    private static OrderSnapshot withSource(OrderSnapshot s, String source) {
        return new OrderSnapshot(s.sellerId(), s.order(), s.items(), source);
    }

    /** Compares the ledger with the model for the newest snapshot; answers the stage. */
    private String check(History h, String at) {
        OrderSnapshot newest = h.newest();
        Map.Entry<String, Set<String>> model = Model.derive(newest.items());
        String stage = model.getKey();
        Set<String> removed = model.getValue();
        String where = at + " " + h.snapshots.stream().map(s -> s.items().stream().map(LazadaOrderItem::status).toList().toString()).toList();

        JsonNode o = app.order(h.orderId);
        assertThat(o.get("stage").asText()).as(where + " stage").isEqualTo(stage);
        assertThat(o.get("tab").asText()).as(where + " tab").isEqualTo(Model.tab(stage));
        assertThat(o.get("lazadaStatuses")).extracting(JsonNode::asText).as(where + " statuses")
                .containsExactlyElementsOf(newest.order().statuses());

        JsonNode so = o.get("salesOrder");
        JsonNode inv = o.get("invoice");
        Map<String, Long> events = new LinkedHashMap<>();
        for (JsonNode e : app.json("/api/orders/" + h.orderId + "/events")) {
            events.merge(e.get("type").asText(), 1L, Long::sum);
        }
        boolean sent = false;
        boolean paid = false;
        boolean recycled = false;
        switch (stage) {
            case "AWAITING_PAYMENT" -> {
                assertThat(so.get("status").asText()).as(where).isEqualTo("OPEN");
                assertThat(inv.isNull()).as(where).isTrue();
            }
            case "PAID", "READY_TO_SHIP", "SHIPPED", "DELIVERED", "RETURNED" -> {
                sent = !stage.equals("PAID") && !stage.equals("READY_TO_SHIP");
                paid = stage.equals("DELIVERED") || stage.equals("RETURNED");
                assertThat(inv.get("recycled").asBoolean()).as(where).isFalse();
                assertThat(inv.get("deliveryStatus").asText()).as(where).isEqualTo(sent ? "SENT" : "UNSENT");
                assertThat(inv.get("paymentStatus").asText()).as(where).isEqualTo(paid ? "PAID" : "UNPAID");
                if (!so.isNull()) {
                    assertThat(so.get("status").asText()).as(where).isEqualTo("CONVERTED");
                }
                BigDecimal total = BigDecimal.ZERO;
                for (LazadaOrderItem i : newest.items()) {
                    if (!removed.contains(i.orderItemId())) {
                        total = total.add(i.paidPrice()).add(i.shippingAmount());
                    }
                }
                assertThat(new BigDecimal(inv.get("total").asText())).as(where + " total").isEqualByComparingTo(total);
                for (JsonNode line : inv.get("lines")) {
                    assertThat(line.get("canceled").asBoolean()).as(where + " line " + line.get("orderItemId"))
                            .isEqualTo(removed.contains(line.get("orderItemId").asText()));
                }
                if (stage.equals("RETURNED")) {
                    assertThat(o.get("reviewReasons").toString()).as(where).contains("RETURN_REQUESTED");
                }
            }
            case "CANCELED" -> {
                if (!so.isNull()) {
                    assertThat(so.get("status").asText()).as(where).isIn("VOID", "CONVERTED");
                }
                if (!inv.isNull()) {
                    recycled = true;
                    sent = inv.get("deliveryStatus").asText().equals("SENT");
                    paid = inv.get("paymentStatus").asText().equals("PAID");
                    String initiator = newest.items().stream().map(LazadaOrderItem::cancelReturnInitiator)
                            .filter(x -> x != null).reduce((x, y) -> y).orElse(null);
                    assertThat(inv.get("recycled").asBoolean()).as(where).isTrue();
                    assertThat(inv.get("recycleReason").asText()).as(where).isEqualTo(Model.cancelReason(initiator));
                }
            }
            case "FAILED_DELIVERY" -> {
                recycled = true;
                sent = true;
                paid = inv.get("paymentStatus").asText().equals("PAID");
                assertThat(inv.get("recycled").asBoolean()).as(where).isTrue();
                assertThat(inv.get("recycleReason").asText()).as(where).isEqualTo("FAILED_DELIVERY");
                assertThat(inv.get("deliveryStatus").asText()).as(where).isEqualTo("SENT");
            }
            default -> throw new AssertionError(where + " unexpected stage " + stage);
        }
        // Every document change has exactly one event, and no event lacks its change.
        long invoices = inv.isNull() ? 0 : 1;
        assertThat(events.getOrDefault("CREATE_INVOICE", 0L) + events.getOrDefault("CONVERT_TO_INVOICE", 0L)).as(where + " " + events)
                .isEqualTo(invoices);
        assertThat(events.getOrDefault("CREATE_SALES_ORDER", 0L)).as(where + " " + events).isEqualTo(so.isNull() ? 0 : 1);
        assertThat(events.getOrDefault("CONVERT_TO_INVOICE", 0L)).as(where + " " + events)
                .isEqualTo(!so.isNull() && so.get("status").asText().equals("CONVERTED") ? 1 : 0);
        assertThat(events.getOrDefault("VOID_SALES_ORDER", 0L)).as(where + " " + events)
                .isEqualTo(!so.isNull() && so.get("status").asText().equals("VOID") ? 1 : 0);
        assertThat(events.getOrDefault("MARK_SENT", 0L)).as(where + " " + events).isEqualTo(sent ? 1 : 0);
        assertThat(events.getOrDefault("ADD_PAYMENT", 0L)).as(where + " " + events).isEqualTo(paid ? 1 : 0);
        assertThat(events.getOrDefault("RECYCLE_INVOICE", 0L)).as(where + " " + events).isEqualTo(recycled ? 1 : 0);
        long removedLines = inv.isNull() ? 0 : java.util.stream.StreamSupport.stream(inv.get("lines").spliterator(), false)
                .filter(l -> l.get("canceled").asBoolean()).count();
        assertThat(events.getOrDefault("REMOVE_LINE", 0L)).as(where + " " + events)
                .isEqualTo(inv.isNull() ? events.getOrDefault("REMOVE_LINE", 0L) : removedLines);
        return stage;
    }
}
