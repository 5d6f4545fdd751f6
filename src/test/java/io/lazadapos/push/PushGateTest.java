package io.lazadapos.push;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.lazadapos.lazada.LazadaSigner;

import static org.assertj.core.api.Assertions.assertThat;

class PushGateTest {

    private static final String VECTOR_BODY = "{\"seller_id\":\"1234567\",\"message_type\":0,\"data\":{\"order_status\":\"unpaid\","
            + "\"trade_order_id\":\"260422900198363\",\"trade_order_line_id\":\"260422900298363\",\"status_update_time\":1603698638},"
            + "\"timestamp\":1603766859530,\"site\":\"lazada_vn\"}";
    private static final String VECTOR_SIGNATURE = "59e04e1b1f307b7180fd58126161907cd20d33ac17cbce90ec2ae19907e701e6";

    private final PushGate gate = new PushGate(new LazadaSigner("3412gyo124goi3124"), "123456", 1024);
    private final byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheDocumentedVector() {
        assertThat(gate.check(body, VECTOR_SIGNATURE)).isEqualTo(PushGate.Verdict.AUTHENTIC);
    }

    @Test
    void turnsAwayMissingWrongAndForeignSignatures() {
        assertThat(gate.check(body, null)).isEqualTo(PushGate.Verdict.UNSIGNED);
        assertThat(gate.check(body, " ")).isEqualTo(PushGate.Verdict.UNSIGNED);
        assertThat(gate.check(body, VECTOR_SIGNATURE.replace('5', '6'))).isEqualTo(PushGate.Verdict.FORGED);
        // Lazada sends lower case; the comparison is exact.
        assertThat(gate.check(body, VECTOR_SIGNATURE.toUpperCase())).isEqualTo(PushGate.Verdict.FORGED);
        String otherKeys = new LazadaSigner("another-secret").pushSignature("123456", body);
        assertThat(gate.check(body, otherKeys)).isEqualTo(PushGate.Verdict.FORGED);
        byte[] truncated = VECTOR_BODY.substring(0, VECTOR_BODY.length() - 1).getBytes(StandardCharsets.UTF_8);
        assertThat(gate.check(truncated, VECTOR_SIGNATURE)).isEqualTo(PushGate.Verdict.FORGED);
        assertThat(gate.check(null, VECTOR_SIGNATURE)).isEqualTo(PushGate.Verdict.FORGED);
    }

    @Test
    void sizeComesFirst() {
        assertThat(gate.check(new byte[1024], null)).isEqualTo(PushGate.Verdict.UNSIGNED);
        assertThat(gate.check(new byte[1025], VECTOR_SIGNATURE)).isEqualTo(PushGate.Verdict.TOO_LARGE);
    }
}
