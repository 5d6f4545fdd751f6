package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's own signature check against the vectors in lazada-open-platform.md. */
class RequestSignatureTest {

    @Test
    void getOrderVector() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("timestamp", "1517820392000");
        params.put("order_id", "1234");
        params.put("sign_method", "sha256");
        params.put("app_key", "123456");
        params.put("access_token", "test");

        assertThat(RequestSignature.stringToSign("/order/get", params))
                .isEqualTo("/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000");
        assertThat(RequestSignature.sign("/order/get", params, "helloworld"))
                .isEqualTo("4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A");
    }

    @Test
    void getOrdersVectorSignsRawUnencodedValues() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("access_token", "test");
        params.put("app_key", "123456");
        params.put("created_after", "2024-01-01T00:00:00+07:00");
        params.put("limit", "100");
        params.put("offset", "0");
        params.put("sign_method", "sha256");
        params.put("sort_by", "updated_at");
        params.put("sort_direction", "ASC");
        params.put("timestamp", "1517820392000");

        assertThat(RequestSignature.stringToSign("/orders/get", params)).isEqualTo(
                "/orders/getaccess_tokentestapp_key123456created_after2024-01-01T00:00:00+07:00limit100offset0"
                        + "sign_methodsha256sort_byupdated_atsort_directionASCtimestamp1517820392000");
        assertThat(RequestSignature.sign("/orders/get", params, "helloworld"))
                .isEqualTo("A459C366A7D243F747B21BB9ACC612E9D1C460B14DB0C2DE4519FCFBA0D70ACB");
    }

    @Test
    void testApiVectorSortsByPlainByteOrder() {
        Map<String, String> params = Map.of("foo", "1", "bar", "2", "foo_bar", "3", "foobar", "4");

        assertThat(RequestSignature.stringToSign("/test/api", params)).isEqualTo("/test/apibar2foo1foo_bar3foobar4");
        assertThat(RequestSignature.sign("/test/api", params, "1234"))
                .isEqualTo("988085883BF9D32D251478D23122C7ECC91518CDF63BA22F792000A378F52409");
    }

    @Test
    void verifyIgnoresTheSignParameterItselfAndRejectsAnyDeviation() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("foo", "1", "bar", "2", "foo_bar", "3", "foobar", "4"));
        params.put("sign", "988085883BF9D32D251478D23122C7ECC91518CDF63BA22F792000A378F52409");
        assertThat(RequestSignature.verify("/test/api", params, "1234")).isTrue();

        assertThat(RequestSignature.verify("/test/api", params, "wrong-secret")).isFalse();
        assertThat(RequestSignature.verify("/test/apii", params, "1234")).isFalse();
        params.put("sign", params.get("sign").toLowerCase());
        assertThat(RequestSignature.verify("/test/api", params, "1234")).as("lower-case hex").isFalse();
        params.remove("sign");
        assertThat(RequestSignature.verify("/test/api", params, "1234")).isFalse();
    }
}
