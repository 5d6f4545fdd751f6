package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's pushes: Lazada's exact format and signature, sent from their own thread, faults on demand. */
class SandboxPushTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A received push: the Authorization header and the body as sent. */
    private record Received(String authorization, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/lazada/push", exchange -> {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void close() {
        gate.countDown();
        receiver.stop(0);
    }

    private String callback() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/lazada/push";
    }

    private static String lowerHexHmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writesAndSignsTheDocumentedPush() {
        String body = PushMessages.tradeOrder("1234567", "unpaid", "260422900198363", "260422900298363", 1603698638L,
                1603766859530L, PushMessages.site("VN"));
        assertThat(body).isEqualTo("{\"seller_id\":\"1234567\",\"message_type\":0,\"data\":{\"order_status\":\"unpaid\","
                + "\"trade_order_id\":\"260422900198363\",\"trade_order_line_id\":\"260422900298363\",\"status_update_time\":1603698638},"
                + "\"timestamp\":1603766859530,\"site\":\"lazada_vn\"}");
        assertThat(RequestSignature.pushSignature("123456", body, "3412gyo124goi3124"))
                .isEqualTo("59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6");
    }

    @Test
    void pushesEveryItemStatusChangeAndEveryReverseChange() {
        SandboxSettings settings = SandboxSettings.defaults().withPushes(PushSettings.to(callback()));
        try (LazadaSandbox sandbox = LazadaSandbox.start(settings)) {
            String id = sandbox.createOrder(SandboxOrderSpec.builder().items(3).status("pending").build());
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 3);
            for (Received r : received) {
                assertThat(r.authorization()).isEqualTo(lowerHexHmac("sandbox-app-secret", "100200" + r.body()));
                JsonNode push = r.json();
                assertThat(push.get("seller_id").asText()).isEqualTo("default");
                assertThat(push.get("message_type").asInt()).isZero();
                assertThat(push.at("/data/trade_order_id").asText()).isEqualTo(id);
                assertThat(push.at("/data/order_status").asText()).isEqualTo("pending");
                assertThat(push.at("/data/status_update_time").isIntegralNumber()).isTrue();
                assertThat(push.get("site").asText()).isEqualTo("lazada_id");
            }
            assertThat(received).extracting(r -> r.json().at("/data/trade_order_line_id").asText())
                    .containsExactlyInAnyOrderElementsOf(sandbox.order(id).items().stream().map(SandboxItemView::orderItemId).toList());

            String item = sandbox.order(id).items().get(0).orderItemId();
            sandbox.setOrderStatus(id, "delivered");
            sandbox.setItemStatus(id, item, "returned");
            // 3 delivered, 1 returned, 1 reverse order opened.
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 8);
            JsonNode reverse = received.stream().map(Received::json).filter(p -> p.get("message_type").asInt() == 10)
                    .findFirst().orElseThrow();
            assertThat(reverse.at("/data/trade_order_id").asText()).isEqualTo(id);
            assertThat(reverse.at("/data/trade_order_line_id").asText()).isEqualTo(item);
            assertThat(reverse.at("/data/reverse_order_id").asText()).isEqualTo(sandbox.order(id).item(item).reverseOrderId());
            assertThat(reverse.at("/data/reverse_status").asText()).isNotBlank();
            assertThat(sandbox.pushStats().sent()).isEqualTo(8);
            assertThat(sandbox.pushStats().pending()).isZero();
        }
    }

    @Test
    void aSlowReceiverNeverHoldsUpTheSandbox() throws Exception {
        gate = new CountDownLatch(1);
        SandboxSettings settings = SandboxSettings.defaults().withPushes(PushSettings.to(callback()));
        try (LazadaSandbox sandbox = LazadaSandbox.start(settings)) {
            // The receiver answers nothing until the gate opens, which happens only after the changes are made.
            CompletableFuture<String> made = CompletableFuture.supplyAsync(() -> {
                String id = sandbox.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
                sandbox.setOrderStatus(id, "packed");
                return id;
            });
            await().atMost(Duration.ofSeconds(30)).until(made::isDone);
            assertThat(sandbox.pushStats().pending()).isEqualTo(4);
            gate.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.pushStats().sent() == 4);
        }
    }

    @Test
    void heldPushesWaitForTheReceiverAndGoOutInOrder() {
        SandboxSettings settings = SandboxSettings.defaults().withPushes(PushSettings.to(callback()));
        try (LazadaSandbox sandbox = LazadaSandbox.start(settings)) {
            sandbox.holdPushes();
            String id = sandbox.createOrder(SandboxOrderSpec.builder().items(3).status("pending").build());
            sandbox.setOrderStatus(id, "packed");
            assertThat(sandbox.pushStats().pending()).isEqualTo(6);
            assertThat(received).isEmpty();

            sandbox.releasePushes();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 6);
            assertThat(received).extracting(r -> r.json().at("/data/order_status").asText())
                    .containsExactly("pending", "pending", "pending", "packed", "packed", "packed");
        }
    }

    @Test
    void dropsDuplicatesAndSwapsAsConfigured() {
        PushSettings everyOneSwapped = PushSettings.to(callback()).withReorderShare(1);
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults().withPushes(everyOneSwapped))) {
            String id = sandbox.createOrder(SandboxOrderSpec.builder().items(4).status("pending").build());
            List<String> items = sandbox.order(id).items().stream().map(SandboxItemView::orderItemId).toList();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 4);
            assertThat(received).extracting(r -> r.json().at("/data/trade_order_line_id").asText())
                    .containsExactly(items.get(1), items.get(0), items.get(3), items.get(2));
            assertThat(sandbox.pushStats().reordered()).isEqualTo(2);
        }
        received.clear();

        PushSettings lossy = PushSettings.to(callback()).withDropShare(0.3).withDuplicateShare(0.3);
        try (LazadaSandbox sandbox = LazadaSandbox.start(SandboxSettings.defaults().withSeed(7).withPushes(lossy))) {
            sandbox.createOrder(SandboxOrderSpec.builder().items(20).status("pending").build());
            await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.pushStats().pending() == 0);
            LazadaSandbox.PushStats stats = sandbox.pushStats();
            assertThat(stats.dropped()).isPositive();
            assertThat(stats.duplicated()).isPositive();
            assertThat(received).hasSize((int) (20 - stats.dropped() + stats.duplicated()));
            assertThat(stats.sent()).isEqualTo(received.size());
        }
    }

    @Test
    void faultsFollowTheSeed() {
        PushSettings shares = PushSettings.to("http://127.0.0.1:1/x").withDropShare(0.2).withDuplicateShare(0.1)
                .withDelayShare(0.1).withReorderShare(0.1).withMaxDelay(Duration.ofMillis(300));
        PushFaults a = new PushFaults(shares, new SplittableRandom(42));
        PushFaults b = new PushFaults(shares, new SplittableRandom(42));
        List<PushFaults.Fate> fates = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            PushFaults.Fate fate = a.next();
            assertThat(b.next()).isEqualTo(fate);
            fates.add(fate);
            if (fate == PushFaults.Fate.DELAY) {
                long d = a.delayMillis();
                assertThat(b.delayMillis()).isEqualTo(d);
                assertThat(d).isBetween(1L, 300L);
            }
        }
        assertThat(fates.stream().filter(f -> f == PushFaults.Fate.DROP).count()).isBetween(1800L, 2200L);
        assertThat(fates.stream().filter(f -> f == PushFaults.Fate.DELIVER).count()).isBetween(4700L, 5300L);
        assertThatThrownBy(() -> PushSettings.off().withDropShare(0.6).withDuplicateShare(0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushSettings.off().withDelayShare(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pushSettingsComeFromPropertiesOrEnvironment() {
        SandboxSettings s = SandboxServer.settingsFrom(
                java.util.Map.of("sandbox.pushUrl", "http://127.0.0.1:8080/lazada/push", "sandbox.pushDropShare", "0.25")::get,
                java.util.Map.of("SANDBOX_PUSH_REORDER_SHARE", "0.1", "SANDBOX_PUSH_MAX_DELAY_MS", "750")::get);
        assertThat(s.pushes().callbackUrl()).isEqualTo("http://127.0.0.1:8080/lazada/push");
        assertThat(s.pushes().dropShare()).isEqualTo(0.25);
        assertThat(s.pushes().reorderShare()).isEqualTo(0.1);
        assertThat(s.pushes().maxDelay()).isEqualTo(Duration.ofMillis(750));
        assertThat(SandboxServer.settingsFrom(k -> null, k -> null).pushes().enabled()).isFalse();
    }
}
