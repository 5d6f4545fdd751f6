package io.lazadapos.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.lazadapos.it.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class PollPacingTest {

    @Test
    void failedPollsInARowSpaceTheNextOnesOutUpToTheMaximumAndASuccessResets() {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T00:00:00Z"));
        PollPacing pacing = new PollPacing(Duration.ofSeconds(60), Duration.ofMinutes(15), s -> true, clock);
        assertThat(pacing.due("s")).isTrue();

        int polls = 0;
        // Two hours of outage, the timer ticking every minute: the polls thin out to one per 15 minutes.
        for (int minute = 0; minute < 120; minute++) {
            if (pacing.due("s")) {
                polls++;
                pacing.failed("s");
            }
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(polls).isBetween(8, 14);
        assertThat(pacing.pauseAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(pacing.pauseAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(pacing.pauseAfter(30)).isEqualTo(Duration.ofMinutes(15));

        // Lazada is back: the next poll that runs succeeds, and the normal interval returns.
        clock.advance(Duration.ofMinutes(15));
        assertThat(pacing.due("s")).isTrue();
        pacing.succeeded("s");
        pacing.failed("s");
        clock.advance(Duration.ofMinutes(1));
        assertThat(pacing.due("s")).isTrue();
    }

    @Test
    void aSellerWhoseAuthorizationIsRevokedIsNotPolled() {
        Set<String> revoked = ConcurrentHashMap.newKeySet();
        PollPacing pacing = new PollPacing(Duration.ofSeconds(60), Duration.ofMinutes(15), s -> !revoked.contains(s),
                new TestClock(Instant.parse("2026-11-30T00:00:00Z")));
        revoked.add("s");
        assertThat(pacing.due("s")).isFalse();
        assertThat(pacing.due("other")).isTrue();
    }
}
