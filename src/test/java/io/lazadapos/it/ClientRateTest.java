package io.lazadapos.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.lazada.SellerRateLimits;
import io.lazadapos.lazada.CallWindows;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client never exceeds its configured rate, measured at the sandbox: a backfill in small pages
 * and fresh fetches from several threads at once, every call counted with the time it was signed.
 */
class ClientRateTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRateTest.class);
    private static final int RATE = 10;

    @Test
    void aBackfillAndFreshFetchesFromSeveralThreadsStayWithinTheConfiguredRate() throws Exception {
        Map<String, String> settings = RunningApp.defaults();
        settings.put("lazada.max-calls-per-second", Integer.toString(RATE));
        settings.put("lazada.page-size", "10");
        settings.put("lazada.items-batch-size", "5");
        try (RunningApp app = RunningApp.start(settings)) {
            LazadaSandbox lazada = app.sandbox();
            lazada.generateBackfill(300);
            List<SandboxOrderView> orders = lazada.orders();
            lazada.resetCounters();

            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(app::pollNow));
            for (int t = 0; t < 3; t++) {
                int from = t * 15;
                work.add(pool.submit(() -> {
                    for (int i = from; i < from + 15; i++) {
                        app.fetchAndSync("default", orders.get(i).orderId(), "push");
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();

            List<LazadaSandbox.CallTime> calls = lazada.callTimes();
            List<Long> signed = calls.stream().map(LazadaSandbox.CallTime::signedAtMillis).toList();
            List<Long> received = calls.stream().map(LazadaSandbox.CallTime::receivedAtMillis).toList();
            int maxSigned = CallWindows.maxInAnySecond(signed);
            int maxReceived = CallWindows.maxInAnySecond(received);
            SellerRateLimits limit = app.context().getRegistry().lookupByNameAndType("lazadaRateLimit", SellerRateLimits.class);
            LOG.info("{} calls, at most {} signed and {} received in any second (limit {}); callers waited {} times",
                    calls.size(), maxSigned, maxReceived, RATE, limit.waits());

            assertThat(calls.size()).isGreaterThan(150);
            assertThat(signed).doesNotContain(-1L);
            assertThat(maxSigned).as("calls signed in any one second").isLessThanOrEqualTo(RATE);
            assertThat(limit.waits()).as("the callers did push against the limit").isPositive();
            LedgerChecks.assertLedgerMatchesTruth(app, lazada.orders());
        }
    }
}
