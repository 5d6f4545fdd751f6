package io.lazadapos.lazada;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Envelopes become data or typed errors; the HTTP status does not decide alone. */
class LazadaRepliesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void successIsCodeZeroAsAString() {
        assertThat(LazadaReplies.read("/orders/get", 200, b("{\"code\":\"0\",\"data\":{\"count\":0},\"request_id\":\"r\"}"))
                .get("data").get("count").asInt()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "ApiCallLimit, ISV, RATE_LIMITED, true",
            "901, ISP, FLOW_CONTROL, true",
            "998, ISP, API_DISABLED, true",
            "ServiceTimeout, ISP, TRANSIENT, true",
            "6, SYSTEM, TRANSIENT, true",
            "IllegalAccessToken, ISV, ACCESS_TOKEN_INVALID, false",
            "IllegalRefreshToken, ISV, REFRESH_TOKEN_INVALID, false",
            "AUTH_TYPE_UNSUPPORTED, ISV, REFRESH_TOKEN_INVALID, false",
            "IncompleteSignature, ISV, SIGNATURE, false",
            "MissingParameter, ISV, REQUEST_BUG, false",
            "17, ISV, REQUEST_BUG, false",
            "74, ISV, REQUEST_BUG, false",
            "16, ISV, NOT_FOUND, false",
            "SomethingNew, ISV, UNKNOWN, false",
            "SomethingNew, ISP, TRANSIENT, true",
    })
    void errorEnvelopesAreTyped(String code, String type, LazadaErrorKind kind, boolean retryable) {
        String body = "{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"m\",\"request_id\":\"rq\"}";
        LazadaApiException e = catchThrowableOfType(LazadaApiException.class, () -> LazadaReplies.read("/orders/get", 200, b(body)));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e).isInstanceOf(retryable ? LazadaTransientException.class : LazadaApiException.class);
        assertThat(e.requestId()).isEqualTo("rq");
    }

    @Test
    void serverErrorsAndMalformedRepliesAreTransient() {
        assertThatThrownBy(() -> LazadaReplies.read("/orders/get", 503, b("<html>")))
                .isInstanceOf(LazadaTransientException.class).hasMessageContaining("TRANSIENT");
        assertThatThrownBy(() -> LazadaReplies.read("/orders/get", 200, b("{\"code\":\"0\",\"data\":{\"orders\":[")))
                .isInstanceOf(LazadaTransientException.class).hasMessageContaining("MALFORMED_REPLY");
        assertThatThrownBy(() -> LazadaReplies.read("/orders/get", 200, b("[]")))
                .isInstanceOf(LazadaTransientException.class);
        assertThatThrownBy(() -> LazadaReplies.read("/orders/get", 200, b("")))
                .isInstanceOf(LazadaTransientException.class);
        assertThatThrownBy(() -> LazadaReplies.read("/orders/get", 429, b("")))
                .isInstanceOf(LazadaTransientException.class).hasMessageContaining("RATE_LIMITED");
    }

    @Test
    void tokenErrorsHaveTheirOwnType() {
        assertThatThrownBy(() -> LazadaReplies.read("/orders/get", 200, b("{\"code\":\"IllegalAccessToken\",\"type\":\"ISV\"}")))
                .isInstanceOf(LazadaTokenException.class);
    }
}
