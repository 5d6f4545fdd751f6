package io.lazadapos.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.App;
import io.lazadapos.AppConfiguration;
import io.lazadapos.sandbox.LazadaSandbox;

/**
 * The whole runtime started in-process the way {@code java -jar} starts it (Camel Main, the
 * YAML routes of routes/, real HTTP, a real ledger database), with test overrides of its settings.
 */
public final class RunningApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Main main;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ProducerTemplate template;

    private RunningApp(Main main, int port) {
        this.main = main;
        this.port = port;
        this.template = main.getCamelContext().createProducerTemplate();
    }

    /**
     * Settings every test starts from: a fresh ledger (in-memory HSQLDB, or a PostgreSQL schema
     * with TEST_DB=postgres: see {@link TestDatabase}), a free port, no timer polls, an empty sandbox.
     */
    public static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.putAll(TestDatabase.fresh("it"));
        p.put("camel.server.port", Integer.toString(freePort()));
        p.put("lazada.poll-enabled", "false");
        p.put("sandbox.initial-orders", "0");
        p.put("sandbox.orders-per-minute", "0");
        p.put("lazada.retry-delay-ms", "50");
        p.put("lazada.retry-max-delay-ms", "200");
        // Tests that want the sandbox's pushes switch them on.
        p.put("sandbox.push.enabled", "false");
        // Tests of fees and payouts switch the finance read on (its calls would change other tests' counts).
        p.put("lazada.finance-enabled", "false");
        // The client's rate limit stays on in tests, high enough not to slow them.
        p.put("lazada.max-calls-per-second", "50");
        // Tests that poll elect the poller through a lock folder of their own, quickly.
        p.put("cluster.file.root", tempDir("cluster").toString());
        p.put("cluster.file.interval", "300ms");
        p.put("cluster.file.stale-after", "3");
        p.put("cluster.rebalance-interval", "1s");
        return p;
    }

    public static RunningApp start() {
        return start(defaults());
    }

    public static RunningApp start(Map<String, String> settings) {
        return start(settings, Map.of());
    }

    /** With beans bound before start-up (e.g. {@code sandboxClock}). */
    public static RunningApp start(Map<String, String> settings, Map<String, Object> beans) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putIfAbsent("camel.server.port", Integer.toString(freePort()));
        all.put("camel.management.port", all.get("camel.server.port"));
        Main main = new Main(App.class);
        main.configure().withBasePackageScanEnabled(false).addConfiguration(AppConfiguration.class);
        all.forEach(main::addOverrideProperty);
        beans.forEach(main::bind);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("runtime did not start", e);
        }
        return new RunningApp(main, Integer.parseInt(all.get("camel.server.port")));
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public LazadaSandbox sandbox() {
        return context().getRegistry().lookupByNameAndType("lazadaSandbox", LazadaSandbox.class);
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(context().getRegistry().lookupByNameAndType("ledgerDataSource", DataSource.class));
    }

    /** The push inbox's database: its own beside an HSQLDB ledger, else the ledger's. */
    public JdbcTemplate inbox() {
        return new JdbcTemplate(context().getRegistry().lookupByNameAndType("pushInboxDataSource", DataSource.class));
    }

    public long inboxCount(String sql, Object... args) {
        Long n = inbox().queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    public int port() {
        return port;
    }

    /** One poll cycle, synchronously. */
    public void pollNow() {
        template.sendBody("direct:poll-seller", null);
    }

    /** Fetches one order fresh from Lazada and syncs it, synchronously. */
    public void fetchAndSync(String sellerId, String orderId, String source) {
        template.send("direct:fetch-and-sync-order", e -> {
            e.getMessage().setHeader("sellerId", sellerId);
            e.getMessage().setHeader("orderId", orderId);
            e.getMessage().setHeader("syncSource", source);
        });
    }

    public ProducerTemplate template() {
        return template;
    }

    public long count(String sql, Object... args) {
        Long n = jdbc().queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path).GET(), headers);
    }

    public HttpResponse<String> post(String path, byte[] body, String... headers) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET that must answer 200; the body as JSON. */
    public JsonNode json(String path, String... headers) {
        HttpResponse<String> r = get(path, headers);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " is not JSON: " + r.body(), e);
        }
    }

    public JsonNode order(String orderId) {
        return json("/api/orders/" + orderId);
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception ignored) {
            // best effort
        }
    }

    static java.nio.file.Path tempDir(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lazadapos-" + name);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A free port below the kernel's ephemeral range (Linux: 32768 and up). A port the kernel handed
     * out as ephemeral and got back could be handed out again (to the built-in sandbox binding port 0,
     * or to an outgoing connection) before the runtime binds it: then the runtime's requests reached
     * the sandbox ("No context found for request").
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket(port)) {
                s.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
