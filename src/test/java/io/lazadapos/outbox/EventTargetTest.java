package io.lazadapos.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTargetTest {

    @Test
    void credentialsInTheUriAreMasked() {
        assertThat(EventTarget.masked("https://shop:pa55@erp.example.com/hooks?x=1")).isEqualTo("https://***@erp.example.com/hooks?x=1");
        assertThat(EventTarget.masked("https://erp.example.com/hooks?apiKey=abc&x=1&authPassword=RAW(p)"))
                .isEqualTo("https://erp.example.com/hooks?apiKey=***&x=1&authPassword=***");
        assertThat(EventTarget.masked("file:/var/pos-events")).isEqualTo("file:/var/pos-events");
        assertThat(EventTarget.maskedIn("Connect to https://shop:pa55@erp.example.com failed", "https://shop:pa55@erp.example.com"))
                .isEqualTo("Connect to https://***@erp.example.com failed");
        assertThat(EventTarget.maskedIn("refused http://a:b@other.host/x?token=t", null)).isEqualTo("refused http://***@other.host/x?token=***");
    }

    @Test
    void anHttpUrlsUserInfoBecomesBasicAuthentication() {
        assertThat(EventTarget.endpointUri("https://shop:p%40ss@erp.example.com/hooks?x=1")).isEqualTo(
                "https://erp.example.com/hooks?x=1&authMethod=Basic&authenticationPreemptive=true&authUsername=RAW(shop)&authPassword=RAW(p@ss)");
        assertThat(EventTarget.endpointUri("http://erp.example.com/hooks")).isEqualTo("http://erp.example.com/hooks");
        assertThat(EventTarget.endpointUri("file:/var/pos-events")).isEqualTo("file:/var/pos-events");
    }
}
