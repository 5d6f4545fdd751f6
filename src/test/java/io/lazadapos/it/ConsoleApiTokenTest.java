package io.lazadapos.it;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lazadapos.sandbox.SandboxOrderSpec;

import static io.lazadapos.it.ApiCalls.call;
import static io.lazadapos.it.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With POS_API_TOKEN set, every console endpoint answers 401 (JSON, WWW-Authenticate) without the
 * token or with a wrong one, and works with it; the token never comes back in an answer. The
 * dashboard page itself holds no data and loads without it.
 */
class ConsoleApiTokenTest {

    private static final String TOKEN = "console-t0ken-7f3a";

    private record Call(String method, String path, String body, int withToken) {
    }

    private static RunningApp app;
    private static String canceled;
    private static String returned;
    private static long deadLetter;

    @BeforeAll
    static void start() {
        TestClock clock = TestClock.anHourAgo();
        Map<String, String> settings = RunningApp.defaults();
        settings.put("pos.api-token", TOKEN);
        app = RunningApp.start(settings, Map.of("sandboxClock", clock));
        canceled = app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        returned = app.sandbox().createOrder(SandboxOrderSpec.builder().items(1).status("delivered").build());
        app.pollNow();
        clock.tick();
        app.sandbox().setOrderStatus(canceled, "canceled", "cancellation-seller");
        app.sandbox().setOrderStatus(returned, "returned");
        app.pollNow();
        deadLetter = app.context().getRegistry().lookupByNameAndType("deadLetters", io.lazadapos.ledger.DeadLetters.class)
                .record("default", canceled, "push", "IllegalStateException", "test", null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static List<Call> calls() {
        String window = "from=" + java.time.Instant.now().minusSeconds(3600) + "&to=" + java.time.Instant.now();
        return List.of(
                new Call("GET", "/api/tabs", null, 200),
                new Call("GET", "/api/sync-log?days=7", null, 200),
                new Call("GET", "/api/sync-health", null, 200),
                new Call("GET", "/api/recycle-bin", null, 200),
                new Call("GET", "/api/dead-letters", null, 200),
                new Call("GET", "/api/reviews?open=true", null, 200),
                new Call("GET", "/api/resync", null, 200),
                new Call("GET", "/api/resync/unknown", null, 404),
                new Call("POST", "/api/recycle-bin/" + canceled + "/restore", null, 200),
                new Call("POST", "/api/dead-letters/" + deadLetter + "/replay", null, 200),
                new Call("POST", "/api/resync/orders/" + canceled, null, 200),
                new Call("POST", "/api/resync?" + window, null, 202),
                new Call("POST", "/api/reviews/" + returned + "/resolve", "{\"note\":\"checked\"}", 200));
    }

    @Test
    void everyConsoleEndpointNeedsTheTokenAndWorksWithIt() {
        for (Call c : calls()) {
            HttpResponse<String> none = call(app, c.method(), c.path(), c.body());
            assertThat(none.statusCode()).as(c.method() + " " + c.path() + " without token").isEqualTo(401);
            assertThat(json(none).get("error").asText()).isEqualTo("unauthorized");
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");

            HttpResponse<String> wrong = call(app, c.method(), c.path(), c.body(), "Authorization", "Bearer not-the-token");
            assertThat(wrong.statusCode()).as(c.method() + " " + c.path() + " with a wrong token").isEqualTo(401);
        }
        for (Call c : calls()) {
            HttpResponse<String> ok = call(app, c.method(), c.path(), c.body(), "Authorization", "Bearer " + TOKEN);
            assertThat(ok.statusCode()).as(c.method() + " " + c.path() + " with the token: " + ok.body()).isEqualTo(c.withToken());
            assertThat(ok.body()).doesNotContain(TOKEN);
            assertThat(ok.headers().firstValue("Authorization")).isEmpty();
        }
    }

    @Test
    void theDashboardPageLoadsWithoutTheTokenAndServesOnlyItsOwnFiles() {
        HttpResponse<String> page = app.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("default-src 'none'"));
        assertThat(page.body()).contains("/dashboard/dashboard.js").doesNotContain(TOKEN);
        assertThat(app.get("/dashboard/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(app.get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(app.get("/dashboard/application.properties").statusCode()).isEqualTo(404);
        assertThat(app.get("/dashboard/..%2Fapplication.properties").statusCode()).isEqualTo(404);
        assertThat(app.get("/application.properties").statusCode()).isEqualTo(404);
        assertThat(app.get("/pom.xml").statusCode()).isEqualTo(404);
    }
}
