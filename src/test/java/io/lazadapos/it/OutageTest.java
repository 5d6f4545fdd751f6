package io.lazadapos.it;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.FaultMix;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sync.PollPacing;
import io.lazadapos.sync.SyncHealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A long Lazada outage stays a trickle of calls, never a tight loop, and the sync resumes by itself. */
class OutageTest {

    @Test
    void duringAnOutageEachPollGivesUpAfterItsRetriesThePollsThinOutAndAfterwardsTheSyncResumesByItself() {
        Map<String, String> settings = RunningApp.defaults();
        settings.put("lazada.poll-enabled", "true");
        settings.put("lazada.poll-interval", "100ms");
        settings.put("lazada.poll-delay", "0s");
        settings.put("lazada.outage-max-pause", "2s");
        settings.put("lazada.retry-attempts", "2");
        settings.put("sandbox.fault-share", "1.0");
        settings.put("sandbox.fault-kinds", "http:503");
        try (RunningApp app = RunningApp.start(settings)) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(50);
            PollPacing pacing = app.context().getRegistry().lookupByNameAndType("pollPacing", PollPacing.class);
            SyncHealth health = app.context().getRegistry().lookupByNameAndType("syncHealth", SyncHealth.class);

            await().atMost(Duration.ofMinutes(1)).until(() -> pacing.failuresInARow("default") >= 5);
            long calls = lazada.apiCalls("/orders/get");
            int polls = pacing.failuresInARow("default");
            // Every failed poll made its first call and two retries, no more (a few polls may be in flight).
            assertThat(calls).isBetween(3L * polls, 3L * (polls + 1));
            assertThat(health.lastPollFailure("default").message()).contains("HTTP 503");
            assertThat(app.count("SELECT COUNT(*) FROM pos_order")).isZero();

            // Lazada is back: no one lifts a finger, the next poll syncs everything.
            lazada.setFaultMix(FaultMix.none());
            await().atMost(Duration.ofMinutes(1)).until(() -> app.count("SELECT COUNT(*) FROM pos_order") == 50);
            await().atMost(Duration.ofMinutes(1)).until(() -> pacing.failuresInARow("default") == 0);
            LedgerChecks.assertLedgerMatchesTruth(app, lazada.orders());
        }
    }
}
