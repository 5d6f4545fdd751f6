package io.lazadapos.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lazadapos.flow.Stage;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxOrderView;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated backfill (the sandbox's realistic mix) ends with every order where the rules put it;
 * a restart resumes from the stored watermark and loses nothing.
 */
class BackfillAndRestartTest {

    @Test
    void aGeneratedBackfillReachesEveryStageAndMatchesLazadasTruth() {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (RunningApp app = RunningApp.start(RunningApp.defaults(), Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(597);
            // Unpaid orders expire within 30 minutes, so a 3-day history holds few: add some that wait now.
            for (int i = 0; i < 3; i++) {
                lazada.createOrder(SandboxOrderSpec.builder().items(1 + i).status("unpaid").build());
            }
            app.pollNow();

            List<SandboxOrderView> truth = lazada.orders();
            assertThat(truth).hasSize(600);
            Set<Stage> seen = EnumSet.noneOf(Stage.class);
            for (SandboxOrderView t : truth) {
                LedgerTruth.assertMatches(app.order(t.orderId()), t);
                seen.add(LedgerTruth.expectedStage(t));
            }
            assertThat(seen).contains(Stage.AWAITING_PAYMENT, Stage.PAID, Stage.READY_TO_SHIP, Stage.SHIPPED, Stage.DELIVERED,
                    Stage.CANCELED, Stage.FAILED_DELIVERY, Stage.RETURNED);
            JsonNode all = app.json("/api/orders?limit=1");
            assertThat(all.get("total").asInt()).isEqualTo(600);
            int inTabs = 0;
            for (String tab : List.of("UNPAID", "NEW_ORDER", "IN_DELIVERY", "CANCELED", "COMPLAINED", "UNMAPPED")) {
                inTabs += app.json("/api/orders?tab=" + tab + "&limit=1").get("total").asInt();
            }
            assertThat(inTabs).isEqualTo(600);
            assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
            // No document twice: one event of a kind per order (and per line for REMOVE_LINE).
            assertThat(app.count("SELECT COUNT(*) FROM (SELECT seller_id, order_id, type, subject FROM ledger_event "
                    + "GROUP BY seller_id, order_id, type, subject HAVING COUNT(*) > 1) d")).isZero();
            // API economy: 600 orders = 6 pages + 12 item batches (+1 page that finds nothing new, at most).
            assertThat(lazada.apiCalls("/orders/get")).isLessThanOrEqualTo(7);
            assertThat(lazada.apiCalls("/orders/items/get")).isEqualTo(12);
        }
    }

    @Test
    void aRestartResumesFromTheStoredWatermarkWithNothingLost(@TempDir Path dir) throws Exception {
        TestClock lazadaClock = TestClock.anHourAgo();
        try (LazadaSandbox lazada = LazadaSandbox.start(SandboxSettings.defaults().withClock(lazadaClock))) {
            Map<String, String> settings = RunningApp.defaults();
            settings.putAll(TestDatabase.durable(dir));
            settings.put("lazada.api-url", lazada.baseUrl());
            settings.put("lazada.country", "ID");
            settings.put("lazada.app-key", lazada.settings().appKey());
            settings.put("lazada.app-secret", lazada.settings().appSecret());
            settings.put("lazada.access-token", lazada.settings().accessToken());
            settings.put("lazada.refresh-token", lazada.settings().refreshToken());

            lazada.generateBackfill(250);
            String watermark;
            try (RunningApp app = RunningApp.start(settings)) {
                app.pollNow();
                assertThat(app.json("/api/orders?limit=1").get("total").asInt()).isEqualTo(250);
                watermark = app.jdbc().queryForObject("SELECT state_value FROM sync_state WHERE state_key = 'poll.watermark'", String.class);
            }
            assertThat(watermark).isNotNull();

            // While the runtime is down, Lazada moves on: some orders change, new ones arrive.
            lazadaClock.advance(Duration.ofMinutes(5));
            List<SandboxOrderView> before = lazada.orders();
            int changed = 0;
            for (SandboxOrderView o : before) {
                if (changed < 20 && o.statuses().equals(List.of("pending"))) {
                    lazada.setOrderStatus(o.orderId(), "ready_to_ship");
                    changed++;
                }
            }
            for (int i = 0; i < 15; i++) {
                lazada.createOrder(SandboxOrderSpec.builder().items(1 + i % 2).status("pending").build());
            }
            lazada.resetCounters();

            try (RunningApp app = RunningApp.start(settings)) {
                app.pollNow();
                for (SandboxOrderView t : lazada.orders()) {
                    LedgerTruth.assertMatches(app.order(t.orderId()), t);
                }
                assertThat(app.json("/api/orders?limit=1").get("total").asInt()).isEqualTo(265);
                // Resumed from the watermark (minus the overlap), not from the start: one page, one item batch.
                assertThat(lazada.apiCalls("/orders/get")).isEqualTo(1);
                assertThat(lazada.apiCalls("/orders/items/get")).isEqualTo(1);
                assertThat(app.count("SELECT COUNT(*) FROM dead_letter")).isZero();
            }
        }
    }
}
