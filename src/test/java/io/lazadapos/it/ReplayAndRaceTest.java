package io.lazadapos.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sync.OrderFetch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data arrives twice, late, duplicated and out of order: replays of old and current snapshots,
 * and two sources racing on one order, leave the ledger and its events as the newest snapshot made them.
 */
class ReplayAndRaceTest {

    private TestClock lazadaClock;
    private RunningApp app;
    private LazadaSandbox lazada;
    private OrderFetch fetch;

    @BeforeEach
    void start() {
        lazadaClock = TestClock.anHourAgo();
        Map<String, String> settings = RunningApp.defaults();
        // Replays of order snapshots only: the return cases of the returns poll are another test's matter.
        settings.put("lazada.returns-enabled", "false");
        app = RunningApp.start(settings, Map.of("sandboxClock", lazadaClock));
        lazada = app.sandbox();
        fetch = app.context().getRegistry().lookupByNameAndType("orderFetch", OrderFetch.class);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private OrderSnapshot snapshot(String orderId) {
        return fetch.fresh("default", orderId, "poll");
    }

    private void apply(OrderSnapshot s) {
        app.template().sendBody("direct:sync-order", s);
    }

    /** Everything the ledger holds about an order, as text. */
    private String ledger(String orderId) {
        return app.get("/api/orders/" + orderId).body() + app.get("/api/orders/" + orderId + "/events").body()
                + app.jdbc().queryForList("SELECT * FROM order_line WHERE order_id = ? ORDER BY order_item_id", orderId)
                + app.jdbc().queryForList("SELECT seller_id, order_id, stage, lazada_updated_at, fingerprint, progress, synced_at FROM pos_order WHERE order_id = ?", orderId)
                + app.jdbc().queryForList("SELECT * FROM review WHERE order_id = ?", orderId);
    }

    @Test
    void duplicateAndOutOfOrderReplaysChangeNothing() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
        List<OrderSnapshot> history = new ArrayList<>();
        history.add(snapshot(id));
        for (String status : List.of("packed", "ready_to_ship", "shipped", "delivered")) {
            lazadaClock.tick();
            lazada.setOrderStatus(id, status);
            history.add(snapshot(id));
        }
        // Same second, two changes: the later one carries more progress.
        lazada.setItemStatus(id, lazada.order(id).items().get(0).orderItemId(), "returned");
        history.add(snapshot(id));

        OrderSnapshot newest = history.get(history.size() - 1);
        apply(newest);
        String afterNewest = ledger(id);
        long events = app.count("SELECT COUNT(*) FROM ledger_event WHERE order_id = ?", id);
        assertThat(events).isEqualTo(4); // CREATE_INVOICE, MARK_SENT, ADD_PAYMENT, OPEN_REVIEW

        Random random = new Random(7);
        for (int round = 0; round < 5; round++) {
            List<OrderSnapshot> shuffled = new ArrayList<>(history);
            shuffled.addAll(history);
            Collections.shuffle(shuffled, random);
            shuffled.forEach(this::apply);
            assertThat(ledger(id)).isEqualTo(afterNewest);
        }
        app.pollNow();
        app.pollNow();
        assertThat(ledger(id)).isEqualTo(afterNewest);
        assertThat(app.count("SELECT COUNT(*) FROM ledger_event WHERE order_id = ?", id)).isEqualTo(events);
        assertThat(app.count("SELECT COUNT(*) FROM invoice WHERE order_id = ?", id)).isEqualTo(1);
        assertThat(app.order(id).get("stage").asText()).isEqualTo("RETURNED");
    }

    @Test
    void anOlderSnapshotNeverUndoesACancel() {
        String id = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("unpaid").build());
        OrderSnapshot unpaid = snapshot(id);
        lazadaClock.tick();
        lazada.setOrderStatus(id, "pending");
        OrderSnapshot paid = snapshot(id);
        lazadaClock.tick();
        lazada.setOrderStatus(id, "canceled", "cancellation-seller");
        OrderSnapshot canceled = snapshot(id);

        apply(canceled);
        apply(paid);
        apply(unpaid);
        assertThat(app.order(id).get("stage").asText()).isEqualTo("CANCELED");
        assertThat(app.order(id).get("salesOrder").isNull()).isTrue();
        assertThat(app.order(id).get("invoice").isNull()).isTrue();
        assertThat(app.count("SELECT COUNT(*) FROM ledger_event WHERE order_id = ?", id)).isZero();
    }

    @Test
    void twoSourcesRacingOnTheSameOrdersWriteEachDocumentOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(lazada.createOrder(SandboxOrderSpec.builder().items(1 + i % 3).status(i % 2 == 0 ? "delivered" : "unpaid").build()));
        }
        List<OrderSnapshot> snapshots = ids.stream().map(this::snapshot).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String source = t % 2 == 0 ? "poll" : "push";
            List<OrderSnapshot> mine = new ArrayList<>(snapshots);
            Collections.shuffle(mine, new Random(t));
            done.add(pool.submit(() -> {
                go.await();
                for (OrderSnapshot s : mine) {
                    apply(new OrderSnapshot(s.sellerId(), s.order(), s.items(), source));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(app.count("SELECT COUNT(*) FROM pos_order")).isEqualTo(30);
        assertThat(app.count("SELECT COUNT(*) FROM invoice")).isEqualTo(15);
        assertThat(app.count("SELECT COUNT(*) FROM sales_order")).isEqualTo(15);
        // Delivered: CREATE_INVOICE, MARK_SENT, ADD_PAYMENT; unpaid: CREATE_SALES_ORDER.
        assertThat(app.count("SELECT COUNT(*) FROM ledger_event")).isEqualTo(15 * 3 + 15);
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
    }
}
