package io.lazadapos.outbox;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventSignatureTest {

    @Test
    void theSignatureIsTheLowerCaseHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(new EventSignature("Jefe").of("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void withoutASecretNothingIsSigned() {
        EventSignature none = new EventSignature("");
        assertThat(none.signs()).isFalse();
        assertThat(none.of(new byte[] {1})).isNull();
        assertThat(new EventSignature("k").toString()).doesNotContain("k)");
    }
}
