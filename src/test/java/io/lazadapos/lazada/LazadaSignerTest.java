package io.lazadapos.lazada;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented test vectors of Lazada's request and push signatures. */
class LazadaSignerTest {

    @Test
    void signsGetOrderVector() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("timestamp", "1517820392000");
        p.put("order_id", "1234");
        p.put("app_key", "123456");
        p.put("sign_method", "sha256");
        p.put("access_token", "test");
        assertThat(LazadaSigner.stringToSign("/order/get", p))
                .isEqualTo("/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000");
        assertThat(new LazadaSigner("helloworld").sign("/order/get", p))
                .isEqualTo("4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A");
    }

    @Test
    void signsGetOrdersVectorWithRawDateValue() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("access_token", "test");
        p.put("app_key", "123456");
        p.put("created_after", "2024-01-01T00:00:00+07:00");
        p.put("limit", "100");
        p.put("offset", "0");
        p.put("sign_method", "sha256");
        p.put("sort_by", "updated_at");
        p.put("sort_direction", "ASC");
        p.put("timestamp", "1517820392000");
        assertThat(new LazadaSigner("helloworld").sign("/orders/get", p))
                .isEqualTo("A459C366A7D243F747B21BB9ACC612E9D1C460B14DB0C2DE4519FCFBA0D70ACB");
    }

    @Test
    void signsSortedParameterVector() {
        Map<String, String> p = Map.of("foo", "1", "bar", "2", "foo_bar", "3", "foobar", "4");
        assertThat(LazadaSigner.stringToSign("/test/api", p)).isEqualTo("/test/apibar2foo1foo_bar3foobar4");
        assertThat(new LazadaSigner("1234").sign("/test/api", p))
                .isEqualTo("988085883BF9D32D251478D23122C7ECC91518CDF63BA22F792000A378F52409");
    }

    @Test
    void signIsExcludedFromTheSignedString() {
        Map<String, String> p = new LinkedHashMap<>(Map.of("foo", "1", "bar", "2", "foo_bar", "3", "foobar", "4"));
        p.put("sign", "whatever");
        assertThat(new LazadaSigner("1234").sign("/test/api", p))
                .isEqualTo("988085883BF9D32D251478D23122C7ECC91518CDF63BA22F792000A378F52409");
    }

    @Test
    void verifiesDocumentedPushVector() {
        String body = "{\"seller_id\":\"1234567\",\"message_type\":0,\"data\":{\"order_status\":\"unpaid\",\"trade_order_id\":\"260422900198363\","
                + "\"trade_order_line_id\":\"260422900298363\",\"status_update_time\":1603698638},\"timestamp\":1603766859530,\"site\":\"lazada_vn\"}";
        LazadaSigner signer = new LazadaSigner("3412gyo124goi3124");
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        assertThat(signer.pushSignature("123456", raw)).isEqualTo("59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6");
        assertThat(signer.isAuthenticPush("123456", raw, "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6")).isTrue();
        assertThat(signer.isAuthenticPush("123456", raw, "59E04E1B1F307B7180FD58126161907CD20D33AC17CBCE90EC2AE19907E701E6")).isFalse();
        assertThat(signer.isAuthenticPush("654321", raw, "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6")).isFalse();
        assertThat(signer.isAuthenticPush("123456", raw, null)).isFalse();
        byte[] truncated = body.substring(0, body.length() - 1).getBytes(StandardCharsets.UTF_8);
        assertThat(signer.isAuthenticPush("123456", truncated, "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6")).isFalse();
    }

    @Test
    void signedUrlEncodesValuesAfterSigningRawOnes() {
        LazadaEndpoint endpoint = new LazadaEndpoint("http://127.0.0.1:1/rest/", "123456", new LazadaSigner("helloworld"),
                seller -> "test", java.time.Clock.fixed(java.time.Instant.ofEpochMilli(1517820392000L), java.time.ZoneOffset.UTC));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("created_after", "2024-01-01T00:00:00+07:00");
        p.put("limit", "100");
        p.put("offset", "0");
        p.put("sort_by", "updated_at");
        p.put("sort_direction", "ASC");
        p.put("empty", "");
        String url = endpoint.signedUrlNow(LazadaRequest.of("s1", "/orders/get", p));
        assertThat(url).startsWith("http://127.0.0.1:1/rest/orders/get?")
                .contains("created_after=2024-01-01T00%3A00%3A00%2B07%3A00")
                .contains("sign=A459C366A7D243F747B21BB9ACC612E9D1C460B14DB0C2DE4519FCFBA0D70ACB")
                .doesNotContain("empty=");
    }
}
