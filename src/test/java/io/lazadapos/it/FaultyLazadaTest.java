package io.lazadapos.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.sandbox.FaultMix;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;
import io.lazadapos.sandbox.SandboxOrderView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fifth of Lazada's answers fail, in mixed ways (ApiCallLimit, HTTP 503, answers slower than the
 * client's timeout, truncated JSON, mistyped envelopes): a backfill, Lazada moving on, and fresh
 * fetches still end with every order where the rules put it, nothing dead-lettered, nothing twice.
 */
class FaultyLazadaTest {

    private static final Logger LOG = LoggerFactory.getLogger(FaultyLazadaTest.class);

    @Test
    void aFifthOfCallsFailingInMixedWaysLosesNothing() {
        TestClock lazadaClock = TestClock.anHourAgo();
        Map<String, String> settings = RunningApp.defaults();
        // Small pages and batches: many calls, so many faults.
        settings.put("lazada.page-size", "20");
        settings.put("lazada.items-batch-size", "10");
        settings.put("lazada.returns-page-size", "10");
        settings.put("lazada.response-timeout-ms", "1000");
        settings.put("lazada.retry-attempts", "8");
        try (RunningApp app = RunningApp.start(settings, Map.of("sandboxClock", lazadaClock))) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(300);
            for (int i = 0; i < 5; i++) {
                lazada.createOrder(SandboxOrderSpec.builder().items(1 + i % 3).status("unpaid").build());
            }
            lazada.setFaultMix(FaultMix.of(0.2).withSlowReply(Duration.ofMillis(1500)));

            app.pollNow();
            // Lazada moves on: scripted changes come due, and a few orders are moved by hand.
            lazadaClock.advance(Duration.ofMinutes(20));
            lazada.advance();
            int moved = 0;
            for (SandboxOrderView o : lazada.orders()) {
                if (moved < 15 && o.statuses().equals(List.of("pending"))) {
                    lazada.setOrderStatus(o.orderId(), moved % 2 == 0 ? "ready_to_ship" : "canceled");
                    moved++;
                }
            }
            app.pollNow();
            // Fresh fetches (what pushes and resyncs use) under the same faults.
            List<SandboxOrderView> truth = lazada.orders();
            for (int i = 0; i < 20; i++) {
                app.fetchAndSync("default", truth.get(i * 7).orderId(), "resync");
            }

            Map<String, Long> injected = lazada.injectedFaults();
            Map<String, Long> calls = lazada.apiCallCounts();
            lazada.setFaultMix(FaultMix.none());
            LOG.info("faults injected {} over calls {}", injected, calls);

            LedgerChecks.assertLedgerMatchesTruth(app, lazada.orders());
            assertThat(truth).hasSize(305);
            long total = calls.entrySet().stream().filter(e -> FaultMix.ORDER_AND_RETURN_APIS.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            long failed = injected.values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).isGreaterThan(100);
            assertThat(failed).as("about a fifth of %d calls", total).isBetween(total / 10, total * 3 / 10);
            assertThat(injected.keySet()).as("every kind of fault happened").containsAll(FaultMix.DEFAULT_KINDS);
        }
    }
}
