package io.lazadapos.lazada;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LazadaPushReaderTest {

    private final LazadaPushReader reader = new LazadaPushReader(ZoneOffset.ofHours(7));

    private LazadaPush read(String body) {
        return reader.read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheDocumentedTradeOrderPush() {
        String body = "{\"seller_id\":\"1234567\",\"message_type\":0,\"data\":{\"order_status\":\"unpaid\",\"trade_order_id\":\"260422900198363\","
                + "\"trade_order_line_id\":\"260422900298363\",\"status_update_time\":1603698638},\"timestamp\":1603766859530,\"site\":\"lazada_vn\"}";
        LazadaPush p = read(body);
        assertThat(p.kind()).isEqualTo(LazadaPush.Kind.TRADE_ORDER);
        assertThat(p.sellerId()).isEqualTo("1234567");
        assertThat(p.tradeOrderId()).isEqualTo("260422900198363");
        assertThat(p.status()).isEqualTo("unpaid");
        assertThat(p.rawBody()).isEqualTo(body);
        assertThat(p.actionable()).isTrue();
        assertThat(p.toString()).doesNotContain("unpaid", "lazada_vn");
    }

    @Test
    void idsAndTypesMayComeAsNumbersOrStrings() {
        LazadaPush p = read("{\"seller_id\":1234567,\"message_type\":\"10\",\"data\":{\"reverse_order_id\":99,\"reverse_order_line_id\":991,"
                + "\"reverse_status\":\"REQUEST_INITIATE\",\"trade_order_id\":260422900198363,\"trade_order_line_id\":1}}");
        assertThat(p.kind()).isEqualTo(LazadaPush.Kind.REVERSE_ORDER);
        assertThat(p.sellerId()).isEqualTo("1234567");
        assertThat(p.tradeOrderId()).isEqualTo("260422900198363");
        assertThat(p.reverseOrderId()).isEqualTo("99");
        assertThat(p.status()).isEqualTo("REQUEST_INITIATE");
    }

    @Test
    void tokenExpiringPushesCarryTheExpiry() {
        LazadaPush seconds = read("{\"message_type\":8,\"data\":{\"seller_id\":\"77\",\"auth_expiry_time\":1700000000}}");
        assertThat(seconds.kind()).isEqualTo(LazadaPush.Kind.TOKEN_EXPIRING);
        assertThat(seconds.sellerId()).isEqualTo("77");
        assertThat(seconds.authExpiryTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(read("{\"seller_id\":\"77\",\"message_type\":8,\"data\":{\"auth_expiry_time\":1700000000123}}").authExpiryTime())
                .isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(read("{\"seller_id\":\"77\",\"message_type\":8,\"data\":{\"auth_expiry_time\":\"soon\"}}").authExpiryTime()).isNull();
    }

    @Test
    void unknownTypesAreReadNotRejected() {
        LazadaPush p = read("{\"seller_id\":\"1\",\"message_type\":3,\"data\":{\"item_id\":5}}");
        assertThat(p.kind()).isEqualTo(LazadaPush.Kind.OTHER);
        assertThat(p.actionable()).isFalse();
        assertThat(read("{\"message_type\":42}").sellerId()).isNull();
    }

    @Test
    void malformedBodiesSayWhyWithoutQuotingThem() {
        assertThatThrownBy(() -> read("")).isInstanceOf(LazadaPushReader.MalformedPush.class).hasMessage("empty body");
        assertThatThrownBy(() -> read("Budi Santoso, Jl. Merdeka 1")).isInstanceOf(LazadaPushReader.MalformedPush.class)
                .hasMessageStartingWith("body is not JSON").hasMessageNotContaining("Budi");
        assertThatThrownBy(() -> read("{\"message_type\":0,")).isInstanceOf(LazadaPushReader.MalformedPush.class);
        assertThatThrownBy(() -> read("{\"message_type\":0} trailing")).isInstanceOf(LazadaPushReader.MalformedPush.class);
        assertThatThrownBy(() -> read("[1,2]")).hasMessage("body is not a JSON object");
        assertThatThrownBy(() -> read("{\"seller_id\":\"1\"}")).hasMessage("no message_type");
        assertThatThrownBy(() -> read("{\"seller_id\":\"1\",\"message_type\":\"zero\"}")).isInstanceOf(LazadaPushReader.MalformedPush.class);
        assertThatThrownBy(() -> read("{\"seller_id\":\"1\",\"message_type\":0,\"data\":{\"order_status\":\"pending\"}}"))
                .hasMessage("message_type 0 without data.trade_order_id");
        assertThatThrownBy(() -> read("{\"message_type\":0,\"data\":{\"trade_order_id\":\"5\"}}")).hasMessage("message_type 0 without seller_id");
        assertThatThrownBy(() -> read("{\"seller_id\":\"1\",\"message_type\":10}")).hasMessage("message_type 10 without a data object");
        assertThatThrownBy(() -> read("{\"seller_id\":\"1\",\"message_type\":0,\"data\":{\"trade_order_id\":\"" + "9".repeat(65) + "\"}}"))
                .hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> reader.read(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}))
                .isInstanceOf(LazadaPushReader.MalformedPush.class);
    }
}
