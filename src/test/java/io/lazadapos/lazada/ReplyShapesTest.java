package io.lazadapos.lazada;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reply of the wrong shape is a malformed reply (retried while it can be), never an empty page. */
class ReplyShapesTest {

    private static void malformed(String api, String json, String why) {
        assertThatThrownBy(() -> LazadaReplies.read(api, 200, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LazadaTransientException.class)
                .satisfies(e -> assertThat(((LazadaApiException) e).kind()).isEqualTo(LazadaErrorKind.MALFORMED_REPLY))
                .hasMessageContaining(why);
    }

    private static void fine(String api, String json) {
        assertThat(LazadaReplies.read(api, 200, json.getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void ordersPages() {
        fine("/orders/get", "{\"code\":\"0\",\"data\":{\"count\":0,\"countTotal\":0,\"orders\":[]}}");
        fine("/orders/get", "{\"code\":\"0\",\"data\":{\"count\":\"1\",\"countTotal\":\"1\",\"orders\":[{}]}}");
        fine("/orders/get", "{\"code\":\"0\",\"data\":{\"count\":0}}");
        malformed("/orders/get", "{\"code\":\"0\",\"data\":\"unavailable\"}", "data is string");
        malformed("/orders/get", "{\"code\":\"0\",\"data\":{\"count\":2,\"orders\":\"[]\"}}", "data.orders is string");
        malformed("/orders/get", "{\"code\":\"0\",\"data\":{\"count\":2}}", "data.orders is missing");
        malformed("/orders/get", "{\"code\":\"0\",\"data\":{\"countTotal\":\"many\",\"orders\":[]}}", "data.countTotal");
        malformed("/orders/get", "{\"code\":\"0\",\"data\":{\"countTotal\":-3,\"orders\":[]}}", "not a count");
    }

    @Test
    void itemsOrdersAndReturns() {
        fine("/orders/items/get", "{\"code\":\"0\",\"data\":[{\"order_id\":1,\"order_items\":[]}]}");
        malformed("/orders/items/get", "{\"code\":\"0\",\"data\":{\"order_items\":\"none\"}}", "data is object");
        malformed("/orders/items/get", "{\"code\":\"0\",\"data\":[{\"order_id\":1}]}", "no order_items array");
        fine("/order/get", "{\"code\":\"0\",\"data\":{\"order_id\":1}}");
        malformed("/order/get", "{\"code\":\"0\",\"data\":0}", "data is number");
        malformed("/order/items/get", "{\"code\":\"0\",\"data\":{}}", "not an array");
        fine("/reverse/getreverseordersforseller", "{\"code\":\"0\",\"result\":{\"total\":0,\"items\":[]}}");
        malformed("/reverse/getreverseordersforseller", "{\"code\":\"0\",\"result\":{\"items\":\"none\"}}", "result.items");
    }

    @Test
    void tokenAnswers() {
        fine("/auth/token/refresh", "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_in\":604800}");
        fine("/auth/token/refresh", "{\"code\":\"0\",\"access_token\":\"a\",\"refresh_token\":\"r\"}");
        malformed("/auth/token/refresh", "{\"code\":\"0\",\"access_token\":\"a\"}", "token answer");
        assertThat(LazadaTokens.read(LazadaReplies.read("/auth/token/refresh", 200,
                "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"expires_in\":\"60\"}".getBytes(StandardCharsets.UTF_8))).expiresIn())
                .hasSeconds(60);
    }
}
