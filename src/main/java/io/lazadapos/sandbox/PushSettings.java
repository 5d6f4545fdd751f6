package io.lazadapos.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and where the sandbox pushes its changes, and how badly: the share of pushes it drops,
 * sends twice, delays (by up to {@code maxDelay}) or swaps with the next one. Shares are drawn once
 * per push from a stream seeded by the sandbox seed, so they add up to at most 1.
 *
 * @param callbackUrl where to POST, e.g. "http://127.0.0.1:8080/lazada/push"; several separated by commas are
 *                    taken in turn (instances behind no load balancer); null: no pushes
 */
public record PushSettings(String callbackUrl, double dropShare, double duplicateShare, double delayShare, double reorderShare,
                           Duration maxDelay) {

    public PushSettings {
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (callbackUrl != null && callbackUrl.isBlank()) callbackUrl = null;
        for (double share : new double[] {dropShare, duplicateShare, delayShare, reorderShare}) {
            if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("push shares must be between 0 and 1");
        }
        if (dropShare + duplicateShare + delayShare + reorderShare > 1 + 1e-9) {
            throw new IllegalArgumentException("push drop, duplicate, delay and reorder shares add up to more than 1");
        }
        if (maxDelay.toMillis() < 1) throw new IllegalArgumentException("maxDelay must be at least 1 ms");
    }

    /** No pushes (the default). */
    public static PushSettings off() {
        return new PushSettings(null, 0, 0, 0, 0, Duration.ofSeconds(5));
    }

    /** Every push delivered once, in order, to {@code callbackUrl}. */
    public static PushSettings to(String callbackUrl) {
        return off().withCallbackUrl(callbackUrl);
    }

    public boolean enabled() {
        return callbackUrl != null;
    }

    public PushSettings withCallbackUrl(String v) {
        return new PushSettings(v, dropShare, duplicateShare, delayShare, reorderShare, maxDelay);
    }

    public PushSettings withDropShare(double v) {
        return new PushSettings(callbackUrl, v, duplicateShare, delayShare, reorderShare, maxDelay);
    }

    public PushSettings withDuplicateShare(double v) {
        return new PushSettings(callbackUrl, dropShare, v, delayShare, reorderShare, maxDelay);
    }

    public PushSettings withDelayShare(double v) {
        return new PushSettings(callbackUrl, dropShare, duplicateShare, v, reorderShare, maxDelay);
    }

    public PushSettings withReorderShare(double v) {
        return new PushSettings(callbackUrl, dropShare, duplicateShare, delayShare, v, maxDelay);
    }

    public PushSettings withMaxDelay(Duration v) {
        return new PushSettings(callbackUrl, dropShare, duplicateShare, delayShare, reorderShare, v);
    }
}
