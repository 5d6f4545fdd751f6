package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Currency decimals and local offsets per country. */
class SandboxCountryTest {

    private static final Instant NOW = Instant.parse("2026-11-30T15:44:30Z");

    @Test
    void vietnamHasNoDecimalsAndRefundsInDong() {
        try (LazadaSandbox sandbox = start("VN")) {
            String id = sandbox.createOrder(SandboxOrderSpec.builder().amountsAsStrings(true)
                    .item(SandboxItemSpec.of("AO-1", "Áo thun", "199000")).status("delivered").build());
            sandbox.setOrderStatus(id, "returned");
            SignedClient client = new SignedClient(sandbox);

            JsonNode order = client.get("/order/get", Map.of("order_id", id)).path("data");
            JsonNode line = client.get("/reverse/getreverseordersforseller", Map.of("page_size", "10", "page_no", "1"))
                    .path("result").path("items").get(0).path("reverse_order_lines").get(0);

            assertThat(order.path("price").asText()).isEqualTo("199000");
            assertThat(order.path("created_at").asText()).satisfiesAnyOf(
                    t -> assertThat(t).isEqualTo("2026-11-30T22:44:30+07:00"),
                    t -> assertThat(t).isEqualTo("2026-11-30 22:44:30 +0700"));
            assertThat(line.path("refund_amount").asLong()).isEqualTo(199_000L);
            assertThat(sandbox.order(id).currency()).isEqualTo("VND");
        }
    }

    @Test
    void singaporeWritesDatesAtPlusEight() {
        try (LazadaSandbox sandbox = start("SG")) {
            String id = sandbox.createOrder(SandboxOrderSpec.builder().amountsAsStrings(true)
                    .item(SandboxItemSpec.of("CAP-1", "Cap", "12.90")).build());

            JsonNode order = new SignedClient(sandbox).get("/order/get", Map.of("order_id", id)).path("data");

            assertThat(order.path("price").asText()).isEqualTo("12.90");
            assertThat(order.path("created_at").asText()).satisfiesAnyOf(
                    t -> assertThat(t).isEqualTo("2026-11-30T23:44:30+08:00"),
                    t -> assertThat(t).isEqualTo("2026-11-30 23:44:30 +0800"));
        }
    }

    private static LazadaSandbox start(String country) {
        return LazadaSandbox.start(SandboxSettings.defaults().withCountry(country).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }
}
