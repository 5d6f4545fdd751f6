package io.lazadapos.lazada;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every date and number form Lazada uses. */
class LazadaFieldsTest {

    private static final ZoneOffset JAKARTA = ZoneOffset.ofHours(7);

    private static JsonNode json(String s) throws Exception {
        return LazadaJson.MAPPER.readTree(s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-30T22:44:30+07:00 | 2026-11-30T15:44:30Z",
            "2026-11-30T22:44:30-03:30 | 2026-12-01T02:14:30Z",
            "2024-02-29T23:59:59+08:00 | 2024-02-29T15:59:59Z",
            "2026-11-30T22:44:30.5+07:00 | 2026-11-30T15:44:30.5Z",
            "2026-11-30 22:44:30 +0700 | 2026-11-30T15:44:30Z",
            "2026-11-30 22:44:30 +07:00 | 2026-11-30T15:44:30Z",
            "2026-11-30 22:44:30 +0800 | 2026-11-30T14:44:30Z",
            "2026-11-30 22:44:30 -0330 | 2026-12-01T02:14:30Z",
            "2026-11-30 00:00:00 +0000 | 2026-11-30T00:00:00Z",
            "2024-02-29 23:59:59 +0700 | 2024-02-29T16:59:59Z",
            "2026-11-30 22:44:30.123 +0700 | 2026-11-30T15:44:30.123Z",
            "2026-11-30 22:44:30       | 2026-11-30T15:44:30Z",
            "2026-11-30T22:44:30       | 2026-11-30T15:44:30Z",
            "2026-11-30T15:44:30Z      | 2026-11-30T15:44:30Z",
            "1796053470000             | 2026-11-30T15:44:30Z",
            "1796053470                | 2026-11-30T15:44:30Z",
    })
    void parsesEveryDateForm(String raw, String expected) {
        assertThat(LazadaFields.parseInstant(raw, JAKARTA)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsDatesFromJsonStringsAndNumbers() throws Exception {
        JsonNode n = json("{\"a\":\"2026-11-30 22:44:30 +0700\",\"b\":1796053470000,\"c\":\"\",\"d\":null}");
        assertThat(LazadaFields.instant(n, "a", JAKARTA)).isEqualTo(Instant.parse("2026-11-30T15:44:30Z"));
        assertThat(LazadaFields.instant(n, "b", JAKARTA)).isEqualTo(Instant.parse("2026-11-30T15:44:30Z"));
        assertThat(LazadaFields.instant(n, "c", JAKARTA)).isNull();
        assertThat(LazadaFields.instant(n, "d", JAKARTA)).isNull();
        assertThat(LazadaFields.instant(n, "missing", JAKARTA)).isNull();
    }

    @Test
    void rejectsDatesItCannotRead() throws Exception {
        assertThatThrownBy(() -> LazadaFields.instant(json("{\"a\":\"yesterday\"}"), "a", JAKARTA))
                .isInstanceOf(LazadaFields.MalformedLazadaValue.class).hasMessageContaining("'a'");
        for (String odd : new String[] {"2026-11-30 22:4x:30 +0700", "2026-13-30 22:44:30 +0700", "2026-11-30 24:44:30 +0700",
                "2026-11-30 22:44:30 +1900", "2026-11-30 22:44:30 *0700", "2026-13-30T22:44:30+07:00", "2026-11-30T24:44:30+07:00",
                "2026-11-30T22:44:30+19:00", "2026-11-30T22:44:30*07:00", "2026-11-30T22:44:30+07-00", "2025-02-29T22:44:30+07:00"}) {
            assertThatThrownBy(() -> LazadaFields.instant(json("{\"a\":\"" + odd + "\"}"), "a", JAKARTA))
                    .as(odd).isInstanceOf(LazadaFields.MalformedLazadaValue.class);
        }
    }

    @Test
    void readsAmountsAsStringsOrNumbersWithoutFloatingPoint() throws Exception {
        JsonNode n = json("{\"s\":\"150000.00\",\"i\":150000,\"f\":0.1,\"big\":12345678901234.56,\"t\":\" 1,250.50 \",\"e\":\"\"}");
        assertThat(LazadaFields.decimal(n, "s")).isEqualByComparingTo("150000");
        assertThat(LazadaFields.decimal(n, "s").scale()).isEqualTo(2);
        assertThat(LazadaFields.decimal(n, "i")).isEqualByComparingTo("150000");
        assertThat(LazadaFields.decimal(n, "f")).isEqualTo(new BigDecimal("0.1"));
        assertThat(LazadaFields.decimal(n, "big")).isEqualTo(new BigDecimal("12345678901234.56"));
        assertThat(LazadaFields.decimal(n, "t")).isEqualTo(new BigDecimal("1250.50"));
        assertThat(LazadaFields.decimal(n, "e")).isNull();
        assertThat(LazadaFields.decimalOrZero(n, "missing")).isEqualByComparingTo("0");
        assertThatThrownBy(() -> LazadaFields.decimal(json("{\"x\":\"abc\"}"), "x")).isInstanceOf(LazadaFields.MalformedLazadaValue.class);
        assertThatThrownBy(() -> LazadaFields.decimal(json("{\"x\":{}}"), "x")).isInstanceOf(LazadaFields.MalformedLazadaValue.class);
    }

    @Test
    void readsIdsAsStringsOrNumbers() throws Exception {
        JsonNode n = json("{\"s\":\"260422900198363\",\"n\":260422900198363,\"big\":99999999999999999999}");
        assertThat(LazadaFields.text(n, "s")).isEqualTo("260422900198363");
        assertThat(LazadaFields.text(n, "n")).isEqualTo("260422900198363");
        assertThat(LazadaFields.text(n, "big")).isEqualTo("99999999999999999999");
        assertThatThrownBy(() -> LazadaFields.requiredText(n, "missing")).isInstanceOf(LazadaFields.MalformedLazadaValue.class);
    }

    @Test
    void readsFlagsInEveryForm() throws Exception {
        JsonNode n = json("{\"a\":true,\"b\":\"true\",\"c\":1,\"d\":\"0\",\"e\":false}");
        assertThat(LazadaFields.flag(n, "a")).isTrue();
        assertThat(LazadaFields.flag(n, "b")).isTrue();
        assertThat(LazadaFields.flag(n, "c")).isTrue();
        assertThat(LazadaFields.flag(n, "d")).isFalse();
        assertThat(LazadaFields.flag(n, "e")).isFalse();
        assertThat(LazadaFields.flag(n, "missing")).isFalse();
    }

    @Test
    void writesRequestDatesInTheSellersOffset() {
        assertThat(LazadaFields.requestDate(Instant.parse("2026-11-30T01:00:00.123Z"), JAKARTA)).isEqualTo("2026-11-30T08:00:00+07:00");
    }
}
