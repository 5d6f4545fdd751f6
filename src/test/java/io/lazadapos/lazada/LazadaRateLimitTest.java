package io.lazadapos.lazada;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.lazadapos.it.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's rate limit and backoff, on a clock the test moves (no real waiting). */
class LazadaRateLimitTest {

    @Test
    void noWindowOfOneSecondHoldsMorePermitsThanTheLimit() {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T00:00:00Z"));
        LazadaRateLimit limit = new LazadaRateLimit(5, clock, millis -> clock.advance(Duration.ofMillis(millis)));
        SplittableRandom random = new SplittableRandom(7);
        List<Long> permits = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Callers arrive in bursts and pauses.
            if (random.nextInt(10) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(1500)));
            }
            permits.add(limit.acquire());
        }
        assertThat(CallWindows.maxInAnySecond(permits)).isEqualTo(5);
        assertThat(limit.waits()).isPositive();
    }

    @Test
    void aBanHoldsEveryCallerOffUntilItEnds() {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T00:00:00Z"));
        for (int rate : new int[] {0, 5}) {
            LazadaRateLimit limit = new LazadaRateLimit(rate, clock, millis -> clock.advance(Duration.ofMillis(millis)));
            long start = clock.millis();
            limit.holdOff(1000);
            assertThat(limit.acquire()).isGreaterThanOrEqualTo(start + 1000);
        }
        LazadaReplies replies = new LazadaReplies((api, outcome) -> { }, millis -> clock.advance(Duration.ofMillis(millis * 1000)));
        long before = clock.millis();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replies.replyFor("/orders/get", 200,
                "{\"code\":\"ApiCallLimit\",\"type\":\"ISP\",\"message\":\"ban\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(LazadaTransientException.class);
        assertThat(clock.millis()).as("the ban was reported").isEqualTo(before + 1_000_000);
    }

    @Test
    void zeroMeansNoLimit() {
        TestClock clock = new TestClock(Instant.parse("2026-11-30T00:00:00Z"));
        LazadaRateLimit limit = new LazadaRateLimit(0, clock, millis -> {
            throw new AssertionError("must not wait");
        });
        for (int i = 0; i < 100; i++) {
            assertThat(limit.acquire()).isEqualTo(clock.millis());
        }
    }

    @Test
    void backoffGrowsFromItsFloorNeverBelowItAndStopsAtItsCap() {
        LazadaBackoff rateLimited = new LazadaBackoff(1000, 60_000, 2, 0.25);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long low = rateLimited.delayMillis(attempt, () -> 0.0);
            long high = rateLimited.delayMillis(attempt, () -> 0.999);
            long expected = Math.min(60_000, 1000L << (attempt - 1));
            assertThat(low).isEqualTo(expected);
            assertThat(high).isBetween(expected, (long) (expected * 1.25));
            assertThat(low).isGreaterThanOrEqualTo(1000);
        }
    }
}
