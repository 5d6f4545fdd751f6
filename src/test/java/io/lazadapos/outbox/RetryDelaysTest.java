package io.lazadapos.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryDelaysTest {

    @Test
    void delaysDoubleUpToTheCeilingWithinTheirJitter() {
        RetryDelays highest = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0);
        RetryDelays lowest = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        assertThat(highest.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(highest.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(highest.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(highest.after(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(highest.after(1_000_000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(lowest.after(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(lowest.after(1_000_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCeilingBelowTheFirstDelayIsRefused() {
        assertThatThrownBy(() -> new RetryDelays(Duration.ofSeconds(5), Duration.ofSeconds(1), () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
