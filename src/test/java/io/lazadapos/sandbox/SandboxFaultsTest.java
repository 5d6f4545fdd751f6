package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's fault injection: a seeded share of mixed failures, token lapses and revocations. */
class SandboxFaultsTest {

    private static final Map<String, String> PAGE = Map.of("update_after", "2020-01-01T00:00:00+07:00", "limit", "5");

    private static List<String> outcomes(long seed) {
        FaultMix mix = FaultMix.of(0.3).withKinds(List.of("ApiCallLimit", "http:503", "truncated", "wrong-types", "bad-row", "998"))
                .withSlowReply(Duration.ofMillis(10));
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults().withSeed(seed).withInitialOrders(20).withFaultMix(mix))) {
            SignedClient client = new SignedClient(sandbox);
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> r = client.send("/orders/get", client.signed("/orders/get", PAGE), false);
                seen.add(classify(r));
            }
            assertThat(sandbox.injectedFaults().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(seen.stream().filter(s -> !s.equals("ok")).count());
            return seen;
        }
    }

    private static String classify(HttpResponse<String> r) {
        if (r.statusCode() != 200) return "http:" + r.statusCode();
        JsonNode root;
        try {
            root = SignedClient.JSON.readTree(r.body());
        } catch (IOException e) {
            return "truncated";
        }
        if (!"0".equals(root.path("code").asText())) return root.path("code").asText();
        JsonNode data = root.get("data");
        if (!data.isObject() || !data.path("orders").isArray() || !data.path("countTotal").isNumber()) return "wrong-types";
        for (JsonNode row : data.get("orders")) {
            if (!row.path("updated_at").isTextual()) return "bad-row";
        }
        return "ok";
    }

    @Test
    void aSeededShareOfCallsFailsInEveryKindAndTheSameSeedFailsTheSameCalls() {
        List<String> first = outcomes(11);
        assertThat(first).contains("ApiCallLimit", "998", "http:503", "truncated", "wrong-types", "bad-row", "ok");
        long failed = first.stream().filter(s -> !s.equals("ok")).count();
        assertThat(failed).isBetween(8L, 30L);
        assertThat(outcomes(11)).isEqualTo(first);
        assertThat(outcomes(12)).isNotEqualTo(first);
    }

    @Test
    void aSlowAnswerComesAfterTheClientsTimeout() {
        FaultMix mix = new FaultMix(1.0, List.of("timeout"), Duration.ofMillis(1500), null);
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults().withFaultMix(mix))) {
            SignedClient client = new SignedClient(sandbox);
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/orders/get?"
                    + SignedClient.encode(client.signed("/orders/get", PAGE)))).timeout(Duration.ofMillis(300)).GET().build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.net.http.HttpTimeoutException.class);
            // The token API is left alone by default: tokens lost to a fault would end the test, not test the client.
            JsonNode grant = client.post("/auth/token/refresh", Map.of("refresh_token", sandbox.settings().refreshToken()));
            assertThat(grant.path("access_token").asText()).isNotBlank();
            assertThat(sandbox.injectedFaults()).containsEntry("timeout", 1L);
        }
    }

    @Test
    void tokensLapseAfterSomeCallsAndARevokedAuthorizationRefusesTheRefreshToken() {
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults())) {
            SignedClient client = new SignedClient(sandbox);
            sandbox.expireAccessTokenAfterCalls("default", 2);
            assertThat(client.get("/orders/get", PAGE).path("code").asText()).isEqualTo("0");
            assertThat(client.get("/orders/get", PAGE).path("code").asText()).isEqualTo("0");
            assertThat(client.get("/orders/get", PAGE).path("code").asText()).isEqualTo("IllegalAccessToken");

            JsonNode grant = client.post("/auth/token/refresh", Map.of("refresh_token", sandbox.settings().refreshToken()));
            SignedClient refreshed = client.withAccessToken(grant.get("access_token").asText());
            assertThat(refreshed.get("/orders/get", PAGE).path("code").asText()).isEqualTo("0");
            assertThat(sandbox.issuedTokens()).contains(sandbox.settings().accessToken(), grant.get("access_token").asText(),
                    grant.get("refresh_token").asText());

            sandbox.revokeAuthorization("default");
            assertThat(refreshed.get("/orders/get", PAGE).path("code").asText()).isEqualTo("IllegalAccessToken");
            assertThat(client.post("/auth/token/refresh", Map.of("refresh_token", grant.get("refresh_token").asText()))
                    .path("code").asText()).isEqualTo("IllegalRefreshToken");
        }
    }

    @Test
    void callTimesCarryTheSignedTimestamp() {
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults())) {
            SignedClient client = new SignedClient(sandbox);
            Map<String, String> signed = client.signed("/orders/get", PAGE);
            client.send("/orders/get", signed, false);
            assertThat(sandbox.callTimes()).singleElement().satisfies(t -> {
                assertThat(t.apiPath()).isEqualTo("/orders/get");
                assertThat(t.signedAtMillis()).isEqualTo(Long.parseLong(signed.get("timestamp")));
                assertThat(t.receivedAtMillis()).isGreaterThanOrEqualTo(t.signedAtMillis());
            });
        }
    }

    @Test
    void theControlApiSetsTheMixAndLetsTokensLapse() throws Exception {
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(sandbox.controlUrl() + "/faults"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"share\": 0.25, \"kinds\": \"901,http:502\", \"slow_reply_ms\": 100}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).isEqualTo(200);
            assertThat(sandbox.faultMix().share()).isEqualTo(0.25);
            assertThat(sandbox.faultMix().kinds()).containsExactly("901", "http:502");
            JsonNode shown = SignedClient.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.controlUrl() + "/faults")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(shown.get("share").asDouble()).isEqualTo(0.25);

            http.send(HttpRequest.newBuilder(URI.create(sandbox.controlUrl() + "/tokens/expire"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            sandbox.setFaultMix(FaultMix.none());
            assertThat(new SignedClient(sandbox).get("/orders/get", PAGE).path("code").asText()).isEqualTo("IllegalAccessToken");
        }
    }

    @Test
    void faultsAreSetFromSettingsAndTheEnvironment() {
        SandboxSettings s = SandboxServer.settingsFrom(Map.of("sandbox.faultShare", "0.2")::get,
                Map.of("SANDBOX_FAULT_KINDS", "ApiCallLimit, timeout", "SANDBOX_SLOW_REPLY_MS", "2500", "SANDBOX_ACCESS_TOKEN_TTL_S", "60")::get);
        assertThat(s.faultMix().share()).isEqualTo(0.2);
        assertThat(s.faultMix().kinds()).containsExactly("ApiCallLimit", "timeout");
        assertThat(s.faultMix().slowReply()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> FaultMix.of(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultMix.of(0.1).withKinds(List.of("http:5xx"))).isInstanceOf(IllegalArgumentException.class);
    }
}
