package io.lazadapos.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * Runs a {@link LazadaSandbox} as its own process and prints its base URL on one line of stdout (for
 * scripts to capture). Settings come from system properties, else environment variables:
 *
 * <pre>
 * sandbox.port                  SANDBOX_PORT                      0 (any free port)
 * sandbox.host                  SANDBOX_HOST                      127.0.0.1
 * sandbox.seed                  SANDBOX_SEED                      42
 * sandbox.initialOrders         SANDBOX_INITIAL_ORDERS            0
 * sandbox.liveOrdersPerMinute   SANDBOX_LIVE_ORDERS_PER_MINUTE    0
 * sandbox.country               SANDBOX_COUNTRY                   ID
 * sandbox.backfillDays          SANDBOX_BACKFILL_DAYS             3
 * sandbox.sellerId              SANDBOX_SELLER_ID                 default
 * sandbox.appKey                SANDBOX_APP_KEY                   100200
 * sandbox.appSecret             SANDBOX_APP_SECRET                sandbox-app-secret
 * sandbox.accessToken           SANDBOX_ACCESS_TOKEN              sandbox-access-token
 * sandbox.refreshToken          SANDBOX_REFRESH_TOKEN             sandbox-refresh-token
 * sandbox.pushUrl               SANDBOX_PUSH_URL                  (none: no pushes)
 * sandbox.pushDropShare         SANDBOX_PUSH_DROP_SHARE           0
 * sandbox.pushDuplicateShare    SANDBOX_PUSH_DUPLICATE_SHARE      0
 * sandbox.pushDelayShare        SANDBOX_PUSH_DELAY_SHARE          0
 * sandbox.pushReorderShare      SANDBOX_PUSH_REORDER_SHARE        0
 * sandbox.pushMaxDelayMillis    SANDBOX_PUSH_MAX_DELAY_MS         5000
 * sandbox.accessTokenTtlSeconds SANDBOX_ACCESS_TOKEN_TTL_S        604800 (7 days)
 * sandbox.faultShare            SANDBOX_FAULT_SHARE               0 (share of calls that fail, 0..1)
 * sandbox.faultKinds            SANDBOX_FAULT_KINDS               ApiCallLimit,http:503,timeout,truncated,wrong-types
 * sandbox.slowReplyMillis       SANDBOX_SLOW_REPLY_MS             35000 (the "timeout" fault)
 * </pre>
 */
public final class SandboxServer {

    private SandboxServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        LazadaSandbox sandbox = LazadaSandbox.start(settingsFrom(System::getProperty, System::getenv));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "lazada-sandbox-shutdown"));
        System.out.println(sandbox.baseUrl());
        System.out.flush();
        stopped.await();
    }

    /** Settings from properties first, then environment, then the defaults. */
    static SandboxSettings settingsFrom(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        SandboxSettings.Builder b = SandboxSettings.defaults().toBuilder();
        Setting s = new Setting(properties, environment);
        s.ifSet("sandbox.port", "SANDBOX_PORT", v -> b.port(Integer.parseInt(v)));
        s.ifSet("sandbox.host", "SANDBOX_HOST", b::host);
        s.ifSet("sandbox.seed", "SANDBOX_SEED", v -> b.seed(Long.parseLong(v)));
        s.ifSet("sandbox.initialOrders", "SANDBOX_INITIAL_ORDERS", v -> b.initialOrders(Integer.parseInt(v)));
        s.ifSet("sandbox.liveOrdersPerMinute", "SANDBOX_LIVE_ORDERS_PER_MINUTE", v -> b.liveOrdersPerMinute(Double.parseDouble(v)));
        s.ifSet("sandbox.country", "SANDBOX_COUNTRY", b::country);
        s.ifSet("sandbox.backfillDays", "SANDBOX_BACKFILL_DAYS", v -> b.backfillSpan(Duration.ofDays(Long.parseLong(v))));
        s.ifSet("sandbox.sellerId", "SANDBOX_SELLER_ID", b::sellerId);
        s.ifSet("sandbox.appKey", "SANDBOX_APP_KEY", b::appKey);
        s.ifSet("sandbox.appSecret", "SANDBOX_APP_SECRET", b::appSecret);
        s.ifSet("sandbox.accessToken", "SANDBOX_ACCESS_TOKEN", b::accessToken);
        s.ifSet("sandbox.refreshToken", "SANDBOX_REFRESH_TOKEN", b::refreshToken);
        PushSettings[] pushes = {PushSettings.off()};
        s.ifSet("sandbox.pushUrl", "SANDBOX_PUSH_URL", v -> pushes[0] = pushes[0].withCallbackUrl(v));
        s.ifSet("sandbox.pushDropShare", "SANDBOX_PUSH_DROP_SHARE", v -> pushes[0] = pushes[0].withDropShare(Double.parseDouble(v)));
        s.ifSet("sandbox.pushDuplicateShare", "SANDBOX_PUSH_DUPLICATE_SHARE", v -> pushes[0] = pushes[0].withDuplicateShare(Double.parseDouble(v)));
        s.ifSet("sandbox.pushDelayShare", "SANDBOX_PUSH_DELAY_SHARE", v -> pushes[0] = pushes[0].withDelayShare(Double.parseDouble(v)));
        s.ifSet("sandbox.pushReorderShare", "SANDBOX_PUSH_REORDER_SHARE", v -> pushes[0] = pushes[0].withReorderShare(Double.parseDouble(v)));
        s.ifSet("sandbox.pushMaxDelayMillis", "SANDBOX_PUSH_MAX_DELAY_MS",
                v -> pushes[0] = pushes[0].withMaxDelay(Duration.ofMillis(Long.parseLong(v))));
        b.pushes(pushes[0]);
        s.ifSet("sandbox.accessTokenTtlSeconds", "SANDBOX_ACCESS_TOKEN_TTL_S", v -> b.accessTokenTtl(Duration.ofSeconds(Long.parseLong(v))));
        FaultMix[] faults = {FaultMix.none()};
        s.ifSet("sandbox.faultKinds", "SANDBOX_FAULT_KINDS", v -> faults[0] = faults[0].withKinds(FaultMix.parseKinds(v)));
        s.ifSet("sandbox.slowReplyMillis", "SANDBOX_SLOW_REPLY_MS", v -> faults[0] = faults[0].withSlowReply(Duration.ofMillis(Long.parseLong(v))));
        s.ifSet("sandbox.faultShare", "SANDBOX_FAULT_SHARE",
                v -> faults[0] = new FaultMix(Double.parseDouble(v), faults[0].kinds(), faults[0].slowReply(), faults[0].apiPaths()));
        b.faultMix(faults[0]);
        return b.build();
    }

    private record Setting(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        void ifSet(String property, String variable, java.util.function.Consumer<String> apply) {
            String value = properties.apply(property);
            if (value == null || value.isBlank()) value = environment.apply(variable);
            if (value == null || value.isBlank()) return;
            try {
                apply.accept(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(property + " / " + variable + " is not a number: " + value, e);
            }
        }
    }
}
