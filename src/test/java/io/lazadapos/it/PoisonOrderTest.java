package io.lazadapos.it;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxItemSpec;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order the ledger cannot take (here a SKU longer than the ledger's column) goes to the
 * dead-letter table with its error; the other orders of its page are in the ledger, and the
 * watermark moves on.
 */
class PoisonOrderTest {

    @Test
    void aFailingOrderGoesToTheDeadLetterTableAndTheOthersFlow() {
        TestClock clock = TestClock.anHourAgo();
        Map<String, String> settings = RunningApp.defaults();
        settings.put("lazada.returns-enabled", "false");
        try (RunningApp app = RunningApp.start(settings, Map.of("sandboxClock", clock))) {
            LazadaSandbox lazada = app.sandbox();
            List<String> good = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                good.add(lazada.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build()));
                clock.tick();
            }
            String poison = lazada.createOrder(SandboxOrderSpec.builder()
                    .item(SandboxItemSpec.of("X".repeat(300), "A SKU longer than any POS takes", new BigDecimal("1000.00")))
                    .status("pending").build());
            clock.tick();
            good.add(lazada.createOrder(SandboxOrderSpec.builder().items(1).status("delivered").build()));

            app.pollNow();

            for (String id : good) {
                LedgerTruth.assertMatches(app.order(id), lazada.order(id));
            }
            assertThat(app.get("/api/orders/" + poison).statusCode()).isEqualTo(404);
            Map<String, Object> dead = app.jdbc().queryForMap("SELECT order_id, source, error_class, error_message, payload FROM dead_letter");
            assertThat(dead.get("order_id")).isEqualTo(poison);
            assertThat(dead.get("source")).isEqualTo("poll");
            // Caught before any SQL runs (the order's sanity check names the SKU); the ledger's own
            // refusal of a batch is FailingOrderTest's matter.
            assertThat((String) dead.get("error_class")).contains("ImplausibleOrder");
            assertThat((String) dead.get("error_message")).containsIgnoringCase("sku");
            assertThat((String) dead.get("payload")).contains(poison);
            String watermark = app.jdbc().queryForObject("SELECT state_value FROM sync_state WHERE state_key = 'poll.watermark'", String.class);
            assertThat(watermark).isEqualTo(lazada.order(good.get(good.size() - 1)).updatedAt().toString());
        }
    }
}
