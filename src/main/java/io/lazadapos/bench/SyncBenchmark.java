package io.lazadapos.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import io.lazadapos.App;

/**
 * The sync benchmark: starts the runtime (in this JVM, so its heap is the one measured) against
 * the built-in sandbox (in a separate JVM, so its memory is not), backfills N orders and 4N orders
 * from an empty HSQLDB file ledger, and prints one table of figures. Settings are system
 * properties: bench.orders (20000), bench.scale (4), bench.updates (2000), bench.seed (7), and
 * bench.maxCallsPerSecond (0: the runtime's client rate limit is lifted, so that the sync is measured, not the limit).
 * Pushes: bench.pushRate (200 per second) for bench.pushSeconds (30), after bench.pushWarmUp (3) seconds not counted, while a backfill of N runs,
 * with one new order in ten pushed as a tracer whose invoice is awaited in the API.
 * With bench.pg.url (and bench.pg.user, bench.pg.password) set, also the backfill of bench.sellers
 * (3) sellers x bench.sellerOrders (N/4) orders on PostgreSQL with 1 and 3 instances ({@link ScaleOutBenchmark}).
 * Also bench.sandboxJvm (the sandbox JVM's options), bench.threadCpu (CPU time by thread) and bench.dbExtra
 * (HSQLDB URL settings for the ledger and the floors). Run with the run command's JVM options and a fixed heap:
 * {@code java -Xmx256m -XX:TieredStopAtLevel=1 -cp target/lazada-pos-sync.jar io.lazadapos.bench.SyncBenchmark}.
 */
public final class SyncBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1 with a pool of connections, as Lazada's push sender uses.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient retryClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> figures = new LinkedHashMap<>();
    /** The runtime's client rate limit in the benchmark (0: none). */
    static final int MAX_CALLS_PER_SECOND = Integer.getInteger("bench.maxCallsPerSecond", 0);
    /** Seconds of pushes before the measured ones (bench.pushWarmUp, 3): not counted. */
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.pushWarmUp", 3);

    public static void main(String[] args) throws Exception {
        // The push sender's HTTP client completes each answer on the common pool; on a 2-core machine
        // that pool has one thread and the JDK starts a new thread per answer instead (200 a second),
        // which took the CPU the measured runtime needed.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4");
        }
        // Idle pooled connections are dropped before the sandbox's server closes them (after 30 s idle).
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        }
        new SyncBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        int n = Integer.getInteger("bench.orders", 20_000);
        int scale = Integer.getInteger("bench.scale", 4);
        int updates = Integer.getInteger("bench.updates", 2_000);
        long seed = Long.getLong("bench.seed", 7);
        long maxHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        System.out.printf(Locale.ROOT, "lazada-pos-sync benchmark: %d orders (and %d), max heap %d MiB, %d cores, client rate limit %s, %s%n",
                n, n * scale, maxHeap >> 20, Runtime.getRuntime().availableProcessors(),
                MAX_CALLS_PER_SECOND == 0 ? "none" : MAX_CALLS_PER_SECOND + " calls/s", LocalDate.now());

        int pushRate = Integer.getInteger("bench.pushRate", 200);
        int pushSeconds = Integer.getInteger("bench.pushSeconds", 30);
        measureFinance = Boolean.parseBoolean(System.getProperty("bench.finance", "true"));
        Result small = backfill(n, seed, updates, 0, 0);
        measureFinance = false;
        // The same backfill and floor again (bench.repeats): on a shared machine one pair can be off by a fifth either way.
        List<Result> pairs = new ArrayList<>(List.of(small));
        for (int i = 1; i < Integer.getInteger("bench.repeats", 3); i++) {
            pairs.add(backfill(n, seed, 0, 0, 0));
        }
        // The events outbox delivering the same backfill to a local HTTP receiver (bench.outbox), bench.outboxRuns
        // times, each after one more backfill without it: like with like on a machine whose speed drifts.
        List<Result> deliveringRuns = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty("bench.outbox", "true"))) {
            for (int i = 0; i < Integer.getInteger("bench.outboxRuns", 2); i++) {
                if (i > 0) {
                    pairs.add(backfill(n, seed, 0, 0, 0));
                }
                deliveringRuns.add(backfill(n, seed, 0, 0, 0, true));
            }
        }
        Result delivering = deliveringRuns.isEmpty() ? null : deliveringRuns.get(deliveringRuns.size() - 1);
        Result large = scale > 1 ? backfill(n * scale, seed + 1, 0, 0, 0) : null;
        Result pushed = pushRate > 0 ? backfill(n, seed + 2, 0, pushRate, pushSeconds) : null;

        row("Backfill " + n + " orders: wall time", String.format(Locale.ROOT, "%.1f s", small.backfillSeconds));
        row("Backfill: orders/s", String.format(Locale.ROOT, "%.0f", n / small.backfillSeconds));
        row("Backfill: CPU time of the runtime / of the sandbox (Lazada's side)",
                String.format(Locale.ROOT, "%.1f s / %.1f s", small.backfillCpuSeconds, small.sandboxCpuSeconds));
        row("Backfill: ledger events/s", String.format(Locale.ROOT, "%.0f", small.events / small.backfillSeconds));
        row("Floor: plain JDBC batch inserts of the same " + small.rows + " rows, fresh JVM / in the warmed runtime's JVM",
                String.format(Locale.ROOT, "%.2f s / %.2f s", small.floorSeconds, small.floorWarmSeconds));
        row("Backfill time / floor time (fresh JVM / warmed JVM)", String.format(Locale.ROOT, "%.1f x / %.1f x",
                small.backfillSeconds / small.floorSeconds, small.backfillSeconds / small.floorWarmSeconds));
        if (pairs.size() > 1) {
            // Like with like: the backfills after the first run on code the first compiled, as the warmed floor does.
            List<Result> again = pairs.subList(1, pairs.size());
            row("Backfill " + n + " again in the same JVM, " + again.size() + " times: orders/s; time / floor in the warmed JVM",
                    String.format(Locale.ROOT, "%s; %s x",
                            again.stream().map(r -> String.format(Locale.ROOT, "%.0f", n / r.backfillSeconds)).collect(java.util.stream.Collectors.joining(", ")),
                            again.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.backfillSeconds / r.floorWarmSeconds))
                                    .collect(java.util.stream.Collectors.joining(" x, "))));
        }
        if (delivering != null) {
            double without = pairs.subList(pairs.size() > 1 ? 1 : 0, pairs.size()).stream().mapToDouble(x -> n / x.backfillSeconds).average().orElse(Double.NaN);
            double with = deliveringRuns.stream().mapToDouble(x -> n / x.backfillSeconds).average().orElse(Double.NaN);
            row("Backfill " + n + " with the events outbox delivering to a local HTTP receiver, " + deliveringRuns.size()
                    + " runs: orders/s, their mean (without: the repeats' mean)",
                    String.format(Locale.ROOT, "%s; %.0f (%.0f, %+.0f %%)",
                            deliveringRuns.stream().map(r -> String.format(Locale.ROOT, "%.0f", n / r.backfillSeconds))
                                    .collect(java.util.stream.Collectors.joining(", ")), with, without, 100 * (with - without) / without));
            for (Result d : deliveringRuns) {
                row("  events delivered: events/s over the backfill and its tail; requests; lag written to acknowledged p50 / p99 / max",
                        String.format(Locale.ROOT, "%.0f (%d events in %.1f s); %d; %.0f / %.0f / %.0f ms", d.eventsDelivered / d.deliverySeconds,
                                d.eventsDelivered, d.deliverySeconds, d.deliveryRequests, d.lagP50, d.lagP99, d.lagMax));
            }
        }
        if (small.financeSeconds > 0) {
            row("Fees and payouts after the backfill of " + n + ": one finance read (transactions, statements, settlements)",
                    String.format(Locale.ROOT, "%.1f s: %d fee lines (%.0f/s), %d invoices settled or awaiting payout, %d statements",
                            small.financeSeconds, small.feeLines, small.feeLines / small.financeSeconds, small.settlements, small.statements));
        }
        row("Lazada calls per 1,000 orders", String.format(Locale.ROOT, "%.1f (%s)", small.calls * 1000.0 / n, small.callsByApi));
        row("Peak heap during backfill of " + n + " (used / left after a collection)",
                (small.peakHeap >> 20) + " / " + (small.peakLiveHeap >> 20) + " MiB");
        if (large != null) {
            row("Backfill " + (n * scale) + " orders: orders/s", String.format(Locale.ROOT, "%.0f", n * scale / large.backfillSeconds));
            row("Peak heap during backfill of " + (n * scale) + " (used / left after a collection)",
                    (large.peakHeap >> 20) + " / " + (large.peakLiveHeap >> 20) + " MiB");
            row("Backfill " + (n * scale) + ": time / floor (fresh JVM / warmed JVM)", String.format(Locale.ROOT, "%.1f x / %.1f x",
                    large.backfillSeconds / large.floorSeconds, large.backfillSeconds / large.floorWarmSeconds));
        }
        if (pushed != null) {
            row("Push acknowledgement at " + pushRate + "/s for " + pushSeconds + " s during a backfill (after " + WARM_UP_SECONDS
                    + " s of warm-up): p50 / p99 / max",
                    String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms (%d pushes, %d not 200)", pushed.ack.p(50), pushed.ack.p(99), pushed.ack.max(),
                            pushed.ack.count(), pushed.pushFailures));
            if (pushed.serverAck != null) {
                row("  of which inside the runtime (arrival in the route to answer; last minute): p50 / p99 / max",
                        String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", pushed.serverAck[0], pushed.serverAck[1], pushed.serverAck[2]));
            }
            row("Push to invoice visible in the API: p50 / p99",
                    String.format(Locale.ROOT, "%.0f / %.0f ms (%d orders; %d not visible within 60 s, %d failed to start)",
                            pushed.visible.p(50), pushed.visible.p(99), pushed.visible.count(), pushed.tracersNotVisible, pushed.tracerFailures));
            row("Backfill " + n + " orders while pushes arrive: orders/s", String.format(Locale.ROOT, "%.0f", n / pushed.backfillSeconds));
        }
        ScaleOutBenchmark scaleOut = ScaleOutBenchmark.fromProperties();
        if (scaleOut != null) {
            scaleOut.figures(Integer.getInteger("bench.sellers", 3), Integer.getInteger("bench.sellerOrders", n / 4)).forEach(this::row);
        }
        if (updates > 0) {
            row("Steady state: CPU time per 1,000 orders updated", String.format(Locale.ROOT, "%.2f s (%d updated)",
                    small.cpuSecondsPerThousandUpdates, small.updated));
        }
        print();
    }

    private void row(String what, String figure) {
        figures.put(what, figure);
    }

    private void print() {
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
        System.out.println();
        System.out.println("| " + pad("figure", width) + " | value |");
        System.out.println("|-" + "-".repeat(width) + "-|-------|");
        figures.forEach((k, v) -> System.out.println("| " + pad(k, width) + " | " + v + " |"));
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static final class Result {
        double backfillSeconds;
        double backfillCpuSeconds;
        /** CPU time the sandbox's JVM spent during the backfill (on Linux; NaN elsewhere). */
        double sandboxCpuSeconds = Double.NaN;
        /** The floor in a fresh JVM. */
        double floorSeconds = Double.NaN;
        /** The floor in the runtime's JVM, after the backfill. */
        double floorWarmSeconds = Double.NaN;
        long events;
        long rows;
        long calls;
        String callsByApi;
        long peakHeap;
        long peakLiveHeap;
        double cpuSecondsPerThousandUpdates;
        int updated;
        final Latencies ack = new Latencies();
        /** The runtime's own view of the acknowledgements (arrival in the route to answer): p50, p99, max in ms. */
        double[] serverAck;
        final Latencies visible = new Latencies();
        long pushFailures;
        long tracerFailures;
        long tracersNotVisible;
        long eventsDelivered;
        double deliverySeconds;
        long deliveryRequests;
        double lagP50 = Double.NaN;
        double lagP99 = Double.NaN;
        double lagMax = Double.NaN;
        double financeSeconds;
        long feeLines;
        long settlements;
        long statements;
    }

    /** Whether the next backfill also times a finance read (the first one only). */
    private boolean measureFinance;

    /** Latencies in milliseconds. */
    private static final class Latencies {
        private final List<Double> values = java.util.Collections.synchronizedList(new ArrayList<>());

        void add(double ms) {
            values.add(ms);
        }

        int count() {
            return values.size();
        }

        double p(int percentile) {
            List<Double> sorted;
            synchronized (values) {
                sorted = new ArrayList<>(values);
            }
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            sorted.sort(Double::compare);
            int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
        }

        double max() {
            return p(100);
        }
    }

    private Result backfill(int orders, long seed, int updates, int pushRate, int pushSeconds) throws Exception {
        return backfill(orders, seed, updates, pushRate, pushSeconds, false);
    }

    /** @param outbox the events outbox delivers to a local HTTP receiver ({@link EventSink}) during the backfill */
    private Result backfill(int orders, long seed, int updates, int pushRate, int pushSeconds, boolean outbox) throws Exception {
        Path dir = Files.createTempDirectory("lazada-pos-bench");
        int sinkPort = freePort();
        EventSink sink = outbox ? new EventSink(sinkPort) : null;
        Process sandbox = startSandbox(orders, seed);
        Main main = null;
        try {
            String baseUrl = readFirstLine(sandbox);
            String control = baseUrl.replace("/rest", "/sandbox");
            main = new Main(App.class);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("pos.db.url", "jdbc:hsqldb:file:" + dir.resolve("ledger") + ";hsqldb.write_delay_millis=100" + System.getProperty("bench.dbExtra", ""));
            p.put("lazada.api-url", baseUrl);
            p.put("lazada.country", "ID");
            p.put("lazada.app-key", "100200");
            p.put("lazada.app-secret", "sandbox-app-secret");
            p.put("lazada.access-token", "sandbox-access-token");
            p.put("lazada.refresh-token", "sandbox-refresh-token");
            p.put("lazada.poll-enabled", "false");
            // The finance read is timed on its own after the first backfill, not inside the backfills' figures.
            p.put("lazada.finance-enabled", "false");
            // The client's own rate limit (LAZADA_MAX_CALLS_PER_SECOND, 10 by default) would be what is measured: lifted
            // unless bench.maxCallsPerSecond says otherwise.
            p.put("lazada.max-calls-per-second", Integer.toString(MAX_CALLS_PER_SECOND));
            p.put("lazada.sync-from", java.time.OffsetDateTime.now().minusDays(8).toString());
            if (sink != null) {
                p.put("pos.events.uri", sink.url(sinkPort));
                p.put("pos.events.secret", "bench-events-secret");
            }
            int port = freePort();
            p.put("camel.server.port", Integer.toString(port));
            p.put("camel.management.port", Integer.toString(port));
            p.forEach(main::addOverrideProperty);
            main.start();
            ProducerTemplate template = main.getCamelContext().createProducerTemplate();
            DataSource ds = main.getCamelContext().getRegistry().lookupByNameAndType("ledgerDataSource", DataSource.class);

            Result r = new Result();
            HeapWatch heap = new HeapWatch();
            heap.start();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            double sandboxCpu0 = cpuSeconds(sandbox);
            Map<String, Double> threads0 = threadCpu();
            long t0 = System.nanoTime();
            if (pushRate > 0) {
                PushLoad load = new PushLoad(port, control, pushRate, r);
                long[] pollEnd = new long[1];
                Thread poll = new Thread(() -> {
                    template.sendBody("direct:poll-seller", null);
                    pollEnd[0] = System.nanoTime();
                }, "backfill");
                poll.start();
                load.run(pushSeconds);
                io.micrometer.core.instrument.Timer ackTimer = main.getCamelContext().getRegistry()
                        .lookupByNameAndType("syncMetrics", io.lazadapos.observe.SyncMetrics.class).registry().find("lazadapos.push.ack").timer();
                if (ackTimer != null) {
                    io.micrometer.core.instrument.distribution.HistogramSnapshot snap = ackTimer.takeSnapshot();
                    double p50 = Double.NaN;
                    double p99 = Double.NaN;
                    for (io.micrometer.core.instrument.distribution.ValueAtPercentile v : snap.percentileValues()) {
                        if (v.percentile() == 0.5) {
                            p50 = v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
                        } else if (v.percentile() == 0.99) {
                            p99 = v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
                        }
                    }
                    r.serverAck = new double[] {p50, p99, snap.max(java.util.concurrent.TimeUnit.MILLISECONDS)};
                }
                poll.join();
                r.backfillSeconds = (pollEnd[0] - t0) / 1e9;
            } else {
                template.sendBody("direct:poll-seller", null);
                r.backfillSeconds = (System.nanoTime() - t0) / 1e9;
            }
            if (sink != null) {
                // Until the receiver has every event of the backfill.
                long written = count(ds, "SELECT COUNT(*) FROM ledger_event");
                long deadline = System.nanoTime() + 300_000_000_000L;
                while (sink.events() < written && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                r.eventsDelivered = sink.events();
                r.deliverySeconds = (sink.lastAt() - t0) / 1e9;
                r.deliveryRequests = sink.requests();
                io.micrometer.core.instrument.Timer lag = main.getCamelContext().getRegistry()
                        .lookupByNameAndType("syncMetrics", io.lazadapos.observe.SyncMetrics.class).registry().find("lazadapos.pos.events.delivery").timer();
                if (lag != null) {
                    for (io.micrometer.core.instrument.distribution.ValueAtPercentile v : lag.takeSnapshot().percentileValues()) {
                        if (v.percentile() == 0.5) {
                            r.lagP50 = v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
                        } else if (v.percentile() == 0.99) {
                            r.lagP99 = v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
                        }
                    }
                    r.lagMax = lag.max(java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }
            r.backfillCpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
            r.sandboxCpuSeconds = cpuSeconds(sandbox) - sandboxCpu0;
            if (Boolean.getBoolean("bench.threadCpu")) {
                Map<String, Double> spent = new java.util.TreeMap<>();
                threadCpu().forEach((name, cpu) -> spent.merge(name, cpu - threads0.getOrDefault(name, 0.0), Double::sum));
                System.out.println("CPU seconds by thread during the backfill of " + orders + ":");
                spent.entrySet().stream().filter(e -> e.getValue() >= 0.05).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .forEach(e -> System.out.printf(Locale.ROOT, "  %6.2f  %s%n", e.getValue(), e.getKey()));
            }
            r.peakHeap = heap.finish();
            r.peakLiveHeap = heap.peakLive();
            long synced = count(ds, "SELECT COUNT(*) FROM pos_order");
            if (synced < orders) {
                System.out.println("WARNING: " + synced + " orders in the ledger, " + orders + " in the sandbox");
            }
            r.events = count(ds, "SELECT COUNT(*) FROM ledger_event");
            JsonNode calls = get(control + "/calls");
            r.calls = 0;
            StringBuilder byApi = new StringBuilder();
            JsonNode counts = calls.has("calls") ? calls.get("calls") : calls;
            counts.fields().forEachRemaining(e -> {
                r.calls += e.getValue().asLong();
                byApi.append(byApi.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asLong());
            });
            r.callsByApi = byApi.toString();

            // The floor of a run with pushes would copy a ledger the inbox drain still writes to (and is not reported).
            if (pushRate == 0) {
                floor(ds, dir, r);
            }

            // After the floor, which copies the ledger of the orders alone.
            if (measureFinance) {
                long f0 = System.nanoTime();
                org.apache.camel.Exchange financeRead = template.send("direct:poll-finance", e -> e.setProperty("pollSeller", "default"));
                if (financeRead.getException() != null) {
                    throw financeRead.getException();
                }
                r.financeSeconds = (System.nanoTime() - f0) / 1e9;
                r.feeLines = count(ds, "SELECT COUNT(*) FROM fee_line");
                r.settlements = count(ds, "SELECT COUNT(*) FROM invoice_settlement");
                r.statements = count(ds, "SELECT COUNT(*) FROM payout_statement");
            }


            if (updates > 0) {
                steadyState(control, template, updates, r);
            }
            return r;
        } finally {
            if (main != null) {
                main.stop();
            }
            if (sink != null) {
                sink.close();
            }
            sandbox.destroy();
            sandbox.waitFor();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * The same rows by plain JDBC batch inserts ({@link LedgerFloor}), twice: in a fresh JVM (as cold as
     * the runtime started, from a copy of the ledger), and in this JVM, whose HSQLDB code the backfill warmed.
     */
    private void floor(DataSource ledger, Path dir, Result r) throws Exception {
        String extra = System.getProperty("bench.dbExtra", "");
        Path copy = dir.resolve("copy");
        try (Connection c = ledger.getConnection(); Statement s = c.createStatement()) {
            s.execute("BACKUP DATABASE TO '" + copy.toAbsolutePath() + "/' BLOCKING AS FILES");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String maxHeap = (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20) + "m";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap));
        // The runtime's own JVM options (its compiler choice, say): the floor runs as the runtime does.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerFloor.class.getName(),
                "jdbc:hsqldb:file:" + copy.resolve("ledger") + ";readonly=true", dir.resolve("floor-cold").toString(), extra));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.lines().filter(l -> l.matches("\\d+ [0-9.E-]+")).reduce((x, y) -> y).orElse(null);
        }
        if (child.waitFor() != 0 || line == null) {
            throw new IllegalStateException("the floor's JVM failed");
        }
        r.floorSeconds = Double.parseDouble(line.split(" ")[1]);
        try (Connection from = ledger.getConnection()) {
            LedgerFloor.Result warm = LedgerFloor.write(from, dir.resolve("floor-warm"), extra);
            r.rows = warm.rows();
            r.floorWarmSeconds = warm.seconds();
        }
    }

    /** Moves orders forward at Lazada, then times one poll: CPU time of this process per 1,000 updated orders. */
    private void steadyState(String control, ProducerTemplate template, int updates, Result r) throws Exception {
        JsonNode truth = get(control + "/orders");
        JsonNode list = truth.isArray() ? truth : truth.get("orders");
        int moved = 0;
        for (JsonNode o : list) {
            if (moved >= updates) {
                break;
            }
            String next = switch (o.get("statuses").get(0).asText()) {
                case "pending" -> "packed";
                case "packed", "ready_to_ship" -> "shipped";
                case "shipped" -> "delivered";
                default -> null;
            };
            if (next == null || o.get("statuses").size() != 1) {
                continue;
            }
            post(control + "/orders/" + o.get("order_id").asText() + "/status", "{\"status\":\"" + next + "\"}");
            moved++;
        }
        Thread.sleep(1100); // updates land in a later second than the last poll's watermark
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        template.sendBody("direct:poll-seller", null);
        long cpu = os.getProcessCpuTime() - cpu0;
        r.updated = moved;
        r.cpuSecondsPerThousandUpdates = moved == 0 ? 0 : cpu / 1e9 / moved * 1000;
    }

    /** User and system CPU seconds of a child process so far, from /proc (Linux); NaN where there is none. */
    static double cpuSeconds(Process p) {
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name; clock ticks of 1/100 s.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds of this JVM's threads (the JVM's own included: compilers, collectors), by name with digits folded; Linux only. */
    static Map<String, Double> threadCpu() {
        Map<String, Double> byName = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            });
        } catch (IOException e) {
            // not Linux
        }
        return byName;
    }

    static Process startSandbox(int orders, long seed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1500m", "-cp", System.getProperty("java.class.path")));
        // Options of the sandbox's JVM, separated by spaces (bench.sandboxJvm). Lazada's servers do not share
        // the runtime's machine; the sandbox does, so by default it runs with the JVM's quick compiler only,
        // whose compiling takes a fraction of the CPU, and the serial collector, which has no threads working
        // beside the application (its CPU time is printed beside the runtime's).
        String extra = System.getProperty("bench.sandboxJvm", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split(" +")));
        }
        command.addAll(List.of("-Dsandbox.initialOrders=" + orders, "-Dsandbox.seed=" + seed, "-Dsandbox.backfillDays=3",
                "io.lazadapos.sandbox.SandboxServer"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    static String readFirstLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("http")) {
                return line.trim();
            }
        }
        throw new IllegalStateException("the sandbox did not start");
    }

    /**
     * The sandbox's order ids, read as a stream: the whole truth as a JSON tree (some 150 MiB for
     * 20,000 orders) would sit in the heap this benchmark measures.
     */
    private List<String> orderIds(String control) throws Exception {
        HttpResponse<java.io.InputStream> res = http.send(HttpRequest.newBuilder(URI.create(control + "/orders")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> ids = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(res.body())) {
            com.fasterxml.jackson.core.JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && "order_id".equals(parser.currentName())
                        && parser.getParsingContext().getParent() != null && parser.getParsingContext().getParent().inArray()) {
                    parser.nextToken();
                    ids.add(parser.getValueAsString());
                }
            }
        }
        return ids;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(res.body());
    }

    private void post(String url, String body) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Signed pushes at a steady rate to the runtime's /lazada/push, each for an order of the
     * sandbox; one in ten is for an order created just before (a tracer) whose invoice is then
     * awaited in the API: acknowledgement latency of every push, push-to-invoice of the tracers.
     */
    private final class PushLoad {
        private final int port;
        private final String control;
        private final int rate;
        private final Result result;
        private final io.lazadapos.lazada.LazadaSigner signer = new io.lazadapos.lazada.LazadaSigner("sandbox-app-secret");
        private final java.util.concurrent.ExecutorService tracers = java.util.concurrent.Executors.newFixedThreadPool(8);
        private final List<String> known = new ArrayList<>();
        // Tracer orders whose invoice is awaited: {order id, nanos when pushed}.
        private final java.util.concurrent.ConcurrentLinkedQueue<long[]> awaiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private volatile boolean pushesOver;
        // At most this many pushes in flight (Lazada's sender is not unbounded either); a push that
        // waits for a slot counts its wait in its latency, measured from when it was due.
        private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(128);

        PushLoad(int port, String control, int rate, Result result) {
            this.port = port;
            this.control = control;
            this.rate = rate;
            this.result = result;
        }

        void run(int seconds) throws Exception {
            known.addAll(orderIds(control));
            java.util.concurrent.ScheduledExecutorService ticks = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            AtomicLong sent = new AtomicLong();
            // The first seconds warm the endpoint up (the sender's connections, the push path's
            // compiled code) and are not counted, as a long-running runtime's pushes would not meet a cold start.
            long warmUp = (long) rate * WARM_UP_SECONDS;
            long total = warmUp + (long) rate * seconds;
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            java.util.Random random = new java.util.Random(11);
            ticks.scheduleAtFixedRate(() -> {
                long i = sent.incrementAndGet();
                if (i > total) {
                    done.countDown();
                    return;
                }
                if (i > warmUp && i % 10 == 0) {
                    tracers.submit(this::tracer);
                } else {
                    push(known.get(random.nextInt(known.size())), null, i > warmUp);
                }
            }, 0, 1_000_000L / rate, java.util.concurrent.TimeUnit.MICROSECONDS);
            Thread watcher = new Thread(this::watchTracers, "tracer-watch");
            watcher.start();
            done.await();
            ticks.shutdownNow();
            tracers.shutdown();
            tracers.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
            pushesOver = true;
            watcher.join();
        }

        /**
         * Looks at every tracer order in the API until its invoice is there (its push-to-invoice
         * time), or 60 s have passed (counted as not visible). One thread, at most one request per
         * 5 ms (200 a second, a busy dashboard's worth), round the awaited orders: a slow sync then
         * makes no more load than a fast one, and the watcher does not take the machine from the
         * sync it measures (a request is answered in well under 5 ms, so unpaced it would).
         */
        private void watchTracers() {
            long timeout = Duration.ofSeconds(60).toNanos();
            while (!pushesOver || !awaiting.isEmpty()) {
                for (java.util.Iterator<long[]> it = awaiting.iterator(); it.hasNext();) {
                    long[] tracer = it.next();
                    long now = System.nanoTime();
                    try {
                        HttpResponse<String> o = sendOnFreshConnectionIfStale(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/orders/" + tracer[0])).GET().build());
                        if (o.statusCode() == 200 && !JSON.readTree(o.body()).path("invoice").isNull()
                                && !JSON.readTree(o.body()).path("invoice").isMissingNode()) {
                            result.visible.add((now - tracer[1]) / 1e6);
                            it.remove();
                            continue;
                        }
                    } catch (Exception e) {
                        synchronized (result) {
                            if (result.tracerFailures++ < 3) {
                                System.out.println("tracer failed: " + e);
                            }
                        }
                    }
                    if (now - tracer[1] > timeout) {
                        result.tracersNotVisible++;
                        it.remove();
                    }
                    pause(5);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** A new order at Lazada and its push; the watcher awaits its invoice. */
        private void tracer() {
            try {
                HttpResponse<String> created = sendOnFreshConnectionIfStale(HttpRequest.newBuilder(URI.create(control + "/orders"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"pending\",\"items_count\":1}")).build());
                String orderId = JSON.readTree(created.body()).get("order_id").asText();
                long start = System.nanoTime();
                push(orderId, start, true);
                awaiting.add(new long[] {Long.parseLong(orderId), start});
            } catch (Exception e) {
                synchronized (result) {
                    if (result.tracerFailures++ < 3) {
                        System.out.println("tracer failed: " + e);
                    }
                }
            }
        }

        /**
         * A pooled connection the server closed while idle fails the next request before it is
         * sent ("received no bytes"): that request is sent once more, on a new connection.
         */
        private HttpResponse<String> sendOnFreshConnectionIfStale(HttpRequest request) throws IOException, InterruptedException {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                return retryClient.send(request, HttpResponse.BodyHandlers.ofString());
            }
        }

        private void push(String orderId, Long startNanos, boolean counted) {
            String body = "{\"seller_id\":\"default\",\"message_type\":0,\"data\":{\"order_status\":\"pending\",\"trade_order_id\":\""
                    + orderId + "\",\"trade_order_line_id\":\"" + orderId + "1\",\"status_update_time\":" + System.currentTimeMillis() / 1000
                    + "},\"timestamp\":" + System.currentTimeMillis() + ",\"site\":\"lazada_id\"}";
            byte[] raw = body.getBytes(StandardCharsets.UTF_8);
            long start = startNanos == null ? System.nanoTime() : startNanos;
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/lazada/push"))
                            .header("Authorization", signer.pushSignature("100200", raw))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((res, error) -> {
                        inFlight.release();
                        if (error != null || res.statusCode() != 200) {
                            synchronized (result) {
                                if (result.pushFailures++ < 3) {
                                    System.out.println("push failed: " + (error != null ? error : "HTTP " + res.statusCode()));
                                }
                            }
                        } else if (counted) {
                            result.ack.add((System.nanoTime() - start) / 1e6);
                        }
                    });
        }
    }

    /**
     * Samples the used heap every 20 ms (the peak the backfill needed, garbage included) and the
     * heap left after each collection (the live data: what would grow if anything leaked).
     */
    private static final class HeapWatch extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();
        private volatile boolean running = true;

        HeapWatch() {
            super("heap-watch");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                peakLive.accumulateAndGet(heapAfterLastCollection(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /**
         * The whole heap as the last collection left it (the pools' own "after collection" figures
         * come from different collections, and added up they overstate what was live).
         */
        private static long heapAfterLastCollection() {
            long latestEnd = -1;
            long live = 0;
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof com.sun.management.GarbageCollectorMXBean g && g.getLastGcInfo() != null
                        && g.getLastGcInfo().getEndTime() > latestEnd) {
                    latestEnd = g.getLastGcInfo().getEndTime();
                    live = 0;
                    for (Map.Entry<String, java.lang.management.MemoryUsage> pool : g.getLastGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (HEAP_POOLS.contains(pool.getKey())) {
                            live += pool.getValue().getUsed();
                        }
                    }
                }
            }
            return live;
        }

        private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).map(java.lang.management.MemoryPoolMXBean::getName)
                .collect(java.util.stream.Collectors.toSet());

        long finish() throws InterruptedException {
            running = false;
            join();
            return peak.get();
        }

        long peakLive() {
            return peakLive.get();
        }
    }
}
