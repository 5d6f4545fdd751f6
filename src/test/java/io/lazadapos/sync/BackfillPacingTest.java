package io.lazadapos.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillPacingTest {

    private final Instant now = Instant.parse("2026-11-11T10:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final AtomicReference<Instant> lastPush = new AtomicReference<>();
    private final BackfillPacing pacing = new BackfillPacing(lastPush::get,
            new BackfillPacing.Settings(1.0, Duration.ofSeconds(5), Duration.ofSeconds(1)), clock);

    private static final long MS = 1_000_000L;

    @Test
    void withoutPushesThePollRunsFlatOut() {
        assertThat(pacing.pauseAfter(0, 300 * MS)).isZero();
        lastPush.set(now.minusSeconds(6));
        assertThat(pacing.pauseAfter(0, 300 * MS)).isZero();
    }

    @Test
    void whilePushesArriveThePollPausesAsLongAsThePageTookUpToTheLongestPause() {
        lastPush.set(now.minusSeconds(2));
        assertThat(pacing.pauseAfter(0, 300 * MS)).isEqualTo(Duration.ofMillis(300));
        assertThat(pacing.pauseAfter(0, 4000 * MS)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aShareOfZeroSwitchesPacingOff() {
        lastPush.set(now);
        BackfillPacing off = new BackfillPacing(lastPush::get, new BackfillPacing.Settings(0, Duration.ofSeconds(5), Duration.ofSeconds(1)), clock);
        assertThat(off.pauseAfter(0, 300 * MS)).isZero();
    }
}
