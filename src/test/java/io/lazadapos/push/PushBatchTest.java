package io.lazadapos.push;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lazadapos.lazada.LazadaPush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushBatchTest {

    private static LazadaPush trade(String body) {
        return new LazadaPush(0, "s", "1", null, "pending", null, body);
    }

    @Test
    void aReverseOrderPushMakesTheBatchAReverseOrderOne() {
        PushBatch trades = new PushBatch("c", "s", "1", List.of(trade("{\"a\":1}"), trade("{\"a\":2}")));
        assertThat(trades.kind()).isEqualTo(LazadaPush.Kind.TRADE_ORDER);
        assertThat(trades.reverseOrderId()).isNull();
        assertThat(trades.rawBodies()).isEqualTo("[{\"a\":1},{\"a\":2}]");

        PushBatch mixed = new PushBatch("c", "s", "1", List.of(trade("{}"),
                new LazadaPush(10, "s", "1", "r1", "REQUEST_INITIATE", null, "{}"),
                new LazadaPush(10, "s", "1", "r2", "AGREE_RETURN", null, "{}")));
        assertThat(mixed.kindName()).isEqualTo("REVERSE_ORDER");
        assertThat(mixed.reverseOrderId()).isEqualTo("r2");
        assertThat(mixed.size()).isEqualTo(3);
    }

    @Test
    void tokenAlertsKeepTheLatestExpiry() {
        PushBatch alert = new PushBatch("c", "s", null, List.of(
                new LazadaPush(8, "s", null, null, null, Instant.ofEpochSecond(20), "{}"),
                new LazadaPush(8, "s", null, null, null, Instant.ofEpochSecond(10), "{}")));
        assertThat(alert.kind()).isEqualTo(LazadaPush.Kind.TOKEN_EXPIRING);
        assertThat(alert.authExpiryTime()).isEqualTo(Instant.ofEpochSecond(20));
        assertThatThrownBy(() -> new PushBatch("c", "s", null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
