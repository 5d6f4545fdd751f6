package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readers over HTTP while the live generator and a test change orders underneath them. */
class SandboxConcurrencyTest {

    /** Sandbox time runs 1000 times faster than real time, so scripted transitions keep falling due. */
    private static final class FastClock extends Clock {
        private final Instant start = Instant.parse("2026-11-30T01:00:00Z");
        private final long realStart = System.nanoTime();

        @Override
        public Instant instant() {
            return start.plusNanos((System.nanoTime() - realStart) * 1000);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void readersSeeConsistentPagesWhileOrdersChange() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().withClock(new FastClock()).withInitialOrders(2000)
                .withLiveOrdersPerMinute(20).withTickInterval(Duration.ofMillis(2));
        try (LazadaSandbox sandbox = LazadaSandbox.start(settings)) {
            AtomicLong heard = new AtomicLong();
            sandbox.addStatusListener((seller, order, item, status, at) -> heard.incrementAndGet());
            SignedClient client = new SignedClient(sandbox);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            ExecutorService readers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            String after = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(7))
                    .format(Instant.parse("2026-11-20T00:00:00Z"));
            for (int r = 0; r < 4; r++) {
                done.add(readers.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        JsonNode body = client.get("/orders/get", Map.of("update_after", after, "sort_by", "updated_at",
                                "sort_direction", "ASC", "offset", Integer.toString(i * 37 % 1900)));
                        if (!"0".equals(body.path("code").asText())) problems.add(body.toString());
                        JsonNode orders = body.path("data").path("orders");
                        Instant previous = Instant.MIN;
                        for (JsonNode row : orders) {
                            Instant updated = LazadaWire.date(row.path("updated_at"));
                            if (updated.isBefore(previous)) problems.add("page not sorted: " + previous + " > " + updated);
                            previous = updated;
                        }
                        if (orders.size() > 0) {
                            String id = LazadaWire.id(orders.get(0).path("order_id"));
                            JsonNode items = client.get("/orders/items/get", Map.of("order_ids", "[" + id + "]"));
                            if (!"0".equals(items.path("code").asText())) problems.add(items.toString());
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 50; i++) {
                sandbox.createOrder(SandboxOrderSpec.withItems(2));
            }
            for (Future<?> f : done) f.get();
            readers.shutdown();

            assertThat(problems).isEmpty();
            assertThat(heard.get()).isPositive();
            int total = sandbox.orders().size();
            JsonNode all = client.get("/orders/get", Map.of("update_after", after, "limit", "1"));
            assertThat(all.path("data").path("countTotal").asInt()).isBetween(total, total + 100);
        }
    }
}
