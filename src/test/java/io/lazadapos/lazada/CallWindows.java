package io.lazadapos.lazada;

import java.util.ArrayList;
import java.util.List;

/** Counting calls in time windows, for the tests of the client's rate limit. */
public final class CallWindows {

    private CallWindows() {
    }

    /** The most times (epoch millis) that fall in one window [t, t + 1000 ms). */
    public static int maxInAnySecond(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(Long::compare);
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= 1000) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
