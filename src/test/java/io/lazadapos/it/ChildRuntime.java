package io.lazadapos.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lazadapos.App;
import io.lazadapos.sandbox.LazadaSandbox;

/**
 * The runtime as its own process, the way it runs in production ({@code java ... io.lazadapos.App}
 * from the project folder, configured by the environment), started from the test's classpath so
 * that {@code mvn test} needs no packaging first. Its output is appended to one log file across
 * restarts.
 */
final class ChildRuntime {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    ChildRuntime(Map<String, String> environment, Path log) {
        this.environment = new LinkedHashMap<>(environment);
        this.port = Integer.parseInt(environment.get("HTTP_PORT"));
        this.log = log;
    }

    /** The environment that points a runtime at a sandbox in this JVM, with a file ledger. */
    static Map<String, String> environmentFor(LazadaSandbox lazada, Path ledger) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAZADA_API_URL", lazada.baseUrl());
        env.put("LAZADA_COUNTRY", lazada.settings().country());
        env.put("LAZADA_APP_KEY", lazada.settings().appKey());
        env.put("LAZADA_APP_SECRET", lazada.settings().appSecret());
        env.put("LAZADA_ACCESS_TOKEN", lazada.settings().accessToken());
        env.put("LAZADA_REFRESH_TOKEN", lazada.settings().refreshToken());
        env.put("LAZADA_SELLER_ID", lazada.settings().sellerId());
        env.put("POS_DB_URL", "jdbc:hsqldb:file:" + ledger + ";hsqldb.tx=mvcc;hsqldb.write_delay_millis=100");
        env.put("HTTP_PORT", Integer.toString(RunningApp.freePort()));
        env.put("LAZADA_POLL_DELAY", "0s");
        // The seller's poller is elected through a lock folder beside the ledger; a killed leader is taken over quickly.
        env.put("CLUSTER_LOCK_DIR", ledger.resolveSibling("cluster").toString());
        env.put("CLUSTER_LOCK_INTERVAL", "500ms");
        env.put("CLUSTER_LOCK_STALE_AFTER", "3");
        env.put("CLUSTER_REBALANCE_INTERVAL", "1s");
        return env;
    }

    /** Starts the process (again, after a kill or a stop). */
    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classpath, App.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir"))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the runtime", e);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no rollback by the runtime itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful stop. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The answer of GET path, or null while the runtime does not answer. */
    HttpResponse<String> get(String path) {
        return send(request(path).timeout(Duration.ofSeconds(20)).GET());
    }

    HttpResponse<String> post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POST of a JSON body; null while the runtime does not answer. */
    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    int port() {
        return port;
    }

    /** GET that answered 200, as JSON; null otherwise. */
    JsonNode json(String path) {
        HttpResponse<String> r = get(path);
        if (r == null || r.statusCode() != 200) {
            return null;
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            return null;
        }
    }

    /** Orders in the ledger, or -1 while the runtime does not answer. */
    int ledgerOrders() {
        JsonNode page = json("/api/orders?limit=1");
        return page == null ? -1 : page.get("total").asInt();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
