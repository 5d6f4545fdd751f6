package io.lazadapos.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ROUTES_RELOAD=true on a copy of routes/: an edited route file is in effect without a restart;
 * a broken one is reported with its file and line while the routes already running keep running.
 */
class RouteReloadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path routes;
    private RunningApp app;

    @BeforeEach
    void start() throws IOException {
        try (var files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Map<String, String> settings = RunningApp.defaults();
        settings.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        settings.put("camel.main.routes-reload-enabled", "true");
        settings.put("camel.main.routes-reload-directory", routes.toString());
        app = RunningApp.start(settings, Map.of("sandboxClock", TestClock.anHourAgo()));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** Writes the whole file at once, as editors do, so the watcher never reads half a file. */
    private void write(String file, String content) throws IOException {
        Path tmp = routes.resolve("." + file + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, routes.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String read(String file) throws IOException {
        return Files.readString(routes.resolve(file));
    }

    private String notFoundMessage() {
        return app.get("/api/orders/424242").body();
    }

    @Test
    void anEditedRouteFileIsInEffectWithoutARestart() throws IOException {
        assertThat(notFoundMessage()).contains("no such order: 424242");

        write("api.camel.yaml", read("api.camel.yaml").replace("no such order: ", "order unknown to the POS: "));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(notFoundMessage()).contains("order unknown to the POS: 424242"));
        JsonNode reload = app.json("/api/sync-health").get("routeReload");
        assertThat(reload.get("enabled").asBoolean()).isTrue();
        assertThat(reload.get("reloads").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(reload.get("lastFailure").isNull()).isTrue();
        // The rest of the API, from the other files, is still there.
        assertThat(app.get("/api/tabs").statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokenRouteFileIsReportedWithFileAndLineAndTheRunningRoutesKeepRunning() throws IOException {
        String good = read("order-fetch.camel.yaml");
        // An unclosed flow sequence on line 9: a typo an editor can make.
        String broken = good.replace("      steps:\n        - setBody:", "      steps:\n        - setBody: [\n");
        assertThat(broken).isNotEqualTo(good);
        int line = (int) broken.lines().takeWhile(l -> !l.contains("- setBody: [")).count() + 1;

        write("order-fetch.camel.yaml", broken);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode failure = app.json("/api/sync-health").at("/routeReload/lastFailure");
            assertThat(failure.isObject()).isTrue();
            assertThat(failure.get("file").asText()).endsWith("order-fetch.camel.yaml");
            assertThat(failure.get("line").asInt()).isBetween(line, line + 4);
        });
        JsonNode check = app.json("/api/sync-health").get("checks").findParents("id").stream()
                .filter(c -> "route-files".equals(c.get("id").asText())).findFirst().orElseThrow();
        assertThat(check.get("degraded").asBoolean()).isTrue();
        assertThat(check.get("message").asText()).contains("order-fetch.camel.yaml").contains("keep running");

        // The route of the broken file still runs as it was loaded: a fresh fetch still syncs an order.
        String id = app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        app.fetchAndSync("default", id, "push");
        assertThat(app.order(id).get("tab").asText()).isEqualTo("NEW_ORDER");
        assertThat(app.context().getRoute("fetch-and-sync-order")).isNotNull();
        assertThat(app.get("/api/tabs").statusCode()).isEqualTo(200);

        // Mended, it loads again and the report clears.
        write("order-fetch.camel.yaml", good);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(app.json("/api/sync-health").at("/routeReload/lastFailure").isNull()).isTrue());
    }
}
