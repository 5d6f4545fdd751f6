package io.lazadapos.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lazadapos.App;

/**
 * Backfill throughput of several sellers on one PostgreSQL ledger with 1 and with 3 runtime
 * instances (separate processes sharing a lock folder, as in production): the sandbox (its own
 * process) makes up bench.orders orders for each of bench.sellers sellers (defaults 5000 and 3);
 * the sellers are connected through the API of the first instance, and the clock runs until the
 * ledger holds every order. Each run uses a fresh schema of the database at bench.pg.url
 * (bench.pg.user, bench.pg.password), dropped afterwards.
 * {@code java -cp target/lazada-pos-sync.jar -Dbench.pg.url=jdbc:postgresql://127.0.0.1:5432/lazadapos io.lazadapos.bench.ScaleOutBenchmark}
 */
public final class ScaleOutBenchmark {

    // The sandbox's own app credentials (SandboxSettings' defaults).
    private static final String SECRET = "sandbox-app-secret";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String pgUrl;
    private final String pgUser;
    private final String pgPassword;

    ScaleOutBenchmark(String pgUrl, String pgUser, String pgPassword) {
        this.pgUrl = pgUrl;
        this.pgUser = pgUser;
        this.pgPassword = pgPassword;
    }

    /** From the system properties; null when bench.pg.url is not set (no PostgreSQL to run on). */
    static ScaleOutBenchmark fromProperties() {
        String url = System.getProperty("bench.pg.url");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new ScaleOutBenchmark(url, System.getProperty("bench.pg.user", "lazadapos"), System.getProperty("bench.pg.password", "lazadapos"));
    }

    public static void main(String[] args) throws Exception {
        ScaleOutBenchmark bench = fromProperties();
        if (bench == null) {
            System.err.println("set -Dbench.pg.url=jdbc:postgresql://host:port/database (and bench.pg.user, bench.pg.password)");
            System.exit(2);
        }
        int sellers = Integer.getInteger("bench.sellers", 3);
        int orders = Integer.getInteger("bench.orders", 5_000);
        System.out.printf(Locale.ROOT, "lazada-pos-sync scale-out benchmark: %d sellers x %d orders on PostgreSQL, %d cores, %s%n",
                sellers, orders, Runtime.getRuntime().availableProcessors(), LocalDate.now());
        Map<String, String> rows = bench.figures(sellers, orders);
        rows.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        System.exit(0);
    }

    /** The table rows: wall time and orders/s with 1 and 3 instances. */
    Map<String, String> figures(int sellers, int orders) throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        double one = backfill(1, sellers, orders, 11);
        double three = backfill(3, sellers, orders, 12);
        int total = sellers * orders;
        rows.put("Backfill " + sellers + " sellers x " + orders + " orders on PostgreSQL, 1 instance: wall time / orders/s",
                String.format(Locale.ROOT, "%.1f s / %.0f", one, total / one));
        rows.put("Backfill " + sellers + " sellers x " + orders + " orders on PostgreSQL, 3 instances: wall time / orders/s",
                String.format(Locale.ROOT, "%.1f s / %.0f (%.2f x one instance)", three, total / three, one / three));
        return rows;
    }

    /** Seconds from connecting the sellers until the ledger holds every order. */
    private double backfill(int instances, int sellers, int orders, long seed) throws Exception {
        Path dir = Files.createTempDirectory("lazada-pos-scale");
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(pgUrl, "CREATE SCHEMA " + schema);
        String ledgerUrl = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Process sandbox = SyncBenchmark.startSandbox(orders, seed);
        List<Process> runtimes = new ArrayList<>();
        try {
            String baseUrl = SyncBenchmark.readFirstLine(sandbox);
            String control = baseUrl.replace("/rest", "/sandbox");
            List<String> sellerIds = new ArrayList<>();
            sellerIds.add("default");
            for (int s = 1; s < sellers; s++) {
                String id = "seller-" + (char) ('a' + s);
                post(control + "/sellers", "{\"seller_id\":\"" + id + "\",\"access_token\":\"" + id + "-access\",\"refresh_token\":\"" + id
                        + "-refresh\"}");
                post(control + "/backfill?n=" + orders + "&seller_id=" + id, "{}");
                sellerIds.add(id);
            }
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                int port = SyncBenchmark.freePort();
                ports.add(port);
                runtimes.add(startRuntime(i + 1, port, baseUrl, ledgerUrl, dir));
                // The first one migrates the ledger; the others find it ready.
                awaitAnswer(port, runtimes.get(i));
            }
            long t0 = System.nanoTime();
            for (String id : sellerIds) {
                String access = id.equals("default") ? "sandbox-access-token" : id + "-access";
                String refresh = id.equals("default") ? "sandbox-refresh-token" : id + "-refresh";
                post("http://127.0.0.1:" + ports.get(0) + "/api/sellers", "{\"sellerId\":\"" + id + "\",\"country\":\"ID\",\"accessToken\":\""
                        + access + "\",\"refreshToken\":\"" + refresh + "\"}");
            }
            long total = (long) sellers * orders;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (count(ledgerUrl, "SELECT COUNT(*) FROM pos_order") < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the backfill did not finish in 30 minutes");
                }
                for (Process p : runtimes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("a runtime exited; see " + dir);
                    }
                }
                Thread.sleep(100);
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            for (Process p : runtimes) {
                p.destroy();
            }
            for (Process p : runtimes) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            sandbox.destroy();
            sandbox.waitFor(30, TimeUnit.SECONDS);
            execute(pgUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private Process startRuntime(int n, int port, String baseUrl, String ledgerUrl, Path dir) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx256m"));
        // The instances run with this JVM's options (the launch command's compiler choice, say).
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), App.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("instance-" + n + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("LAZADA_API_URL", baseUrl);
        env.put("LAZADA_COUNTRY", "ID");
        env.put("LAZADA_APP_KEY", "100200");
        env.put("LAZADA_APP_SECRET", SECRET);
        // No seller configured: all of them are connected through the API when the clock starts.
        env.remove("LAZADA_ACCESS_TOKEN");
        env.remove("LAZADA_REFRESH_TOKEN");
        env.put("LAZADA_SYNC_FROM", OffsetDateTime.now().minusDays(8).toString());
        env.put("LAZADA_POLL_INTERVAL", "1s");
        env.put("LAZADA_POLL_DELAY", "0s");
        env.put("LAZADA_RECONCILE_ENABLED", "false");
        env.put("LAZADA_MAX_CALLS_PER_SECOND", Integer.toString(SyncBenchmark.MAX_CALLS_PER_SECOND));
        env.put("POS_DB_URL", ledgerUrl);
        env.put("POS_DB_USER", pgUser);
        env.put("POS_DB_PASSWORD", pgPassword);
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("INSTANCE_ID", "bench-" + n);
        env.put("CLUSTER_SERVICE", "file");
        env.put("CLUSTER_LOCK_DIR", dir.resolve("cluster").toString());
        env.put("CLUSTER_LOCK_INTERVAL", "500ms");
        env.put("CLUSTER_REBALANCE_INTERVAL", "1s");
        env.put("SELLERS_REFRESH_INTERVAL", "1s");
        return pb.start();
    }

    private void awaitAnswer(int port, Process runtime) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!runtime.isAlive()) {
                throw new IllegalStateException("a runtime exited while starting");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sellers")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("a runtime did not answer within 2 minutes");
    }

    private void post(String url, String body) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    private void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, pgUser, pgPassword); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException notYet) {
            return 0; // the schema is migrated by the first instance
        }
    }
}
