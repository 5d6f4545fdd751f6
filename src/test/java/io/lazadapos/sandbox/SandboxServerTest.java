package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxServerTest {

    @Test
    void settingsComeFromPropertiesThenEnvironmentThenDefaults() {
        Map<String, String> properties = Map.of("sandbox.port", "0", "sandbox.seed", "7", "sandbox.country", "th");
        Map<String, String> environment = Map.of("SANDBOX_SEED", "99", "SANDBOX_INITIAL_ORDERS", "250",
                "SANDBOX_LIVE_ORDERS_PER_MINUTE", "1.5", "SANDBOX_BACKFILL_DAYS", "5");

        SandboxSettings s = SandboxServer.settingsFrom(properties::get, environment::get);

        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.country()).isEqualTo("TH");
        assertThat(s.currency()).isEqualTo("THB");
        assertThat(s.initialOrders()).isEqualTo(250);
        assertThat(s.liveOrdersPerMinute()).isEqualTo(1.5);
        assertThat(s.backfillSpan()).isEqualTo(Duration.ofDays(5));
        assertThat(s.appKey()).isEqualTo("100200");
        assertThatThrownBy(() -> SandboxServer.settingsFrom(Map.of("sandbox.port", "x")::get, k -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNeverPrintSecrets() {
        SandboxSettings s = SandboxSettings.defaults().withAppSecret("s3cr3t").withAccessToken("tok-a").withRefreshToken("tok-r");

        assertThat(s.toString()).doesNotContain("s3cr3t", "tok-a", "tok-r");
        assertThatThrownBy(() -> s.withCountry("US")).isInstanceOf(IllegalArgumentException.class);
    }
}
