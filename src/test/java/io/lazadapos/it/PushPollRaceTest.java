package io.lazadapos.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push fetch and a poll (or two fetches) applying the same order at the same moment: the order's
 * row lock serializes known orders, and the loser of the race to insert a new one tries again.
 */
class PushPollRaceTest {

    private RunningApp app;
    private LazadaSandbox lazada;

    @BeforeEach
    void start() {
        app = RunningApp.start();
        lazada = app.sandbox();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void racingSyncsOfOneNewOrderWriteItOnceWithoutDeadLetters() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 15; round++) {
                String id = lazada.createOrder(SandboxOrderSpec.builder().items(2).status(round % 2 == 0 ? "pending" : "delivered").build());
                CyclicBarrier together = new CyclicBarrier(4);
                List<Future<Object>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    String source = t == 0 ? "poll" : "push";
                    runs.add(threads.submit(() -> {
                        together.await();
                        if ("poll".equals(source)) {
                            app.pollNow();
                        } else {
                            Exchange done = app.template().send("direct:fetch-and-sync-order", e -> {
                                e.getMessage().setHeader("sellerId", "default");
                                e.getMessage().setHeader("orderId", id);
                                e.getMessage().setHeader("syncSource", source);
                            });
                            assertThat(done.getException()).isNull();
                        }
                        return null;
                    }));
                }
                for (Future<Object> run : runs) {
                    run.get();
                }
                assertThat(app.count("SELECT COUNT(*) FROM pos_order WHERE order_id = ?", id)).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM (SELECT order_id, type, subject FROM ledger_event "
                + "GROUP BY order_id, type, subject HAVING COUNT(*) > 1) d")).isZero();
        assertThat(app.count("SELECT COUNT(*) FROM pos_order")).isEqualTo(15);
    }
}
