package io.lazadapos.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import io.lazadapos.sandbox.FaultMix;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full run of the runtime as its own process, with Camel logging at DEBUG, through every path
 * that handles credentials: start-up, seeding and refreshing tokens, a token lapsing mid-run,
 * a fifth of the calls failing (retries, timeouts, malformed replies), a reconciliation, API
 * errors, and a revoked authorization. Neither its output nor any API answer holds the app
 * secret or any token Lazada issued.
 */
class SecretsStayOutOfLogsTest {

    @Test
    void theOutputOfAFullRunAndItsApiAnswersHoldNoSecretAndNoToken(@TempDir Path dir) throws Exception {
        String unique = UUID.randomUUID().toString().replace("-", "");
        SandboxSettings settings = SandboxSettings.defaults().withInitialOrders(300)
                .withAppSecret("secret" + unique).withAccessToken("access" + unique).withRefreshToken("refresh" + unique)
                .withFaultMix(FaultMix.of(0.2).withSlowReply(Duration.ofMillis(1500)));
        // The events outbox's target carries credentials in its URL and signs with a secret; a third
        // of its requests fail, so its error paths run too.
        String targetPassword = "pw" + unique;
        String eventsSecret = "hmac" + unique;
        try (LazadaSandbox lazada = LazadaSandbox.start(settings); EventReceiver receiver = new EventReceiver(eventsSecret)) {
            receiver.failShare(0.3);
            Map<String, String> env = ChildRuntime.environmentFor(lazada, dir.resolve("ledger"));
            env.put("POS_EVENTS_URI", receiver.url().replace("http://", "http://shop:" + targetPassword + "@"));
            env.put("POS_EVENTS_SECRET", eventsSecret);
            env.put("POS_EVENTS_RETRY_DELAY", "100ms");
            env.put("POS_EVENTS_RETRY_MAX_DELAY", "500ms");
            env.put("CAMEL_LOG_LEVEL", "DEBUG");
            env.put("LAZADA_SYNC_FROM", OffsetDateTime.now(ZoneOffset.UTC).minusDays(4).toString());
            env.put("LAZADA_POLL_INTERVAL", "1s");
            env.put("LAZADA_PAGE_SIZE", "25");
            env.put("LAZADA_RESPONSE_TIMEOUT_MS", "1000");
            env.put("LAZADA_RETRY_ATTEMPTS", "8");
            env.put("LAZADA_RETRY_DELAY_MS", "50");
            env.put("LAZADA_RETRY_MAX_DELAY_MS", "200");
            ChildRuntime child = new ChildRuntime(env, dir.resolve("runtime.log"));
            lazada.expireAccessTokenAfterCalls("default", 15);
            child.start();
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> child.ledgerOrders() >= 300);
                StringBuilder answers = new StringBuilder();
                HttpResponse<String> sweep = child.post("/api/reconcile?days=3&wait=true");
                answers.append(sweep.body());
                String someOrder = lazada.orders().get(0).orderId();
                await().atMost(Duration.ofMinutes(1)).until(() -> !receiver.accepted().isEmpty());
                for (String path : List.of("/api/pos-events", "/api/sync-health", "/api/orders?limit=500", "/api/orders/" + someOrder, "/api/orders/" + someOrder + "/events",
                        "/api/orders/404404", "/api/orders?tab=NOPE", "/api/reconcile?days=7", "/observe/info", "/observe/health?exposureLevel=full")) {
                    HttpResponse<String> r = child.get(path);
                    answers.append(r.statusCode()).append(' ').append(r.body()).append('\n');
                }

                lazada.revokeAuthorization("default");
                await().atMost(Duration.ofMinutes(2)).until(() -> child.get("/observe/health").statusCode() == 503);
                answers.append(child.get("/observe/health?exposureLevel=full").body());
                child.stop();

                String output = child.output();
                LoggerFactory.getLogger(SecretsStayOutOfLogsTest.class).info("scanned {} lines of output and {} characters of API answers "
                        + "for {} secrets; faults injected {}", output.lines().count(), answers.length(), SecretScan.secretsOf(lazada).size(),
                        lazada.injectedFaults());
                // The run went where credentials travel.
                assertThat(output).contains("tokens of seller default refreshed").contains("Lazada refused the access token")
                        .contains("Failed delivery").contains("is revoked");
                assertThat(lazada.issuedTokens()).hasSizeGreaterThanOrEqualTo(6);
                SecretScan.assertNoSecrets(output, lazada);
                SecretScan.assertNoSecrets(answers.toString(), lazada);
                assertThat(output).contains("events outbox").contains("not acknowledged");
                assertThat(output).doesNotContain(targetPassword).doesNotContain(eventsSecret);
                assertThat(answers.toString()).contains("***@127.0.0.1").doesNotContain(targetPassword).doesNotContain(eventsSecret);
            } finally {
                if (child.alive()) {
                    child.kill();
                }
            }
        }
    }
}
