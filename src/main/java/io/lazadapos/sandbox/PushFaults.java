package io.lazadapos.sandbox;

import java.util.SplittableRandom;

/**
 * What happens to each push, drawn in the order the pushes are made from one seeded stream: the
 * same seed and the same changes give the same drops, duplicates, delays and swaps.
 */
final class PushFaults {

    enum Fate { DELIVER, DROP, DUPLICATE, DELAY, REORDER }

    private final PushSettings settings;
    private final SplittableRandom random;

    PushFaults(PushSettings settings, SplittableRandom random) {
        this.settings = settings;
        this.random = random;
    }

    /** Not thread-safe: the sender draws under its own lock. */
    Fate next() {
        double r = random.nextDouble();
        double edge = settings.dropShare();
        if (r < edge) return Fate.DROP;
        edge += settings.duplicateShare();
        if (r < edge) return Fate.DUPLICATE;
        edge += settings.delayShare();
        if (r < edge) return Fate.DELAY;
        edge += settings.reorderShare();
        if (r < edge) return Fate.REORDER;
        return Fate.DELIVER;
    }

    /** A delay in (0, maxDelay], in milliseconds. */
    long delayMillis() {
        return 1 + random.nextLong(settings.maxDelay().toMillis());
    }
}
