package io.lazadapos.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many calls each API path answered (errors included), so tests can check a client's call
 * budget, and when each call came: the time it was signed at (its {@code timestamp}) and the time
 * it arrived, so tests can check a client's rate.
 */
final class ApiCallLog {

    private static final int MAX_TIMES = 200_000;

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final java.util.List<LazadaSandbox.CallTime> times = new java.util.ArrayList<>();

    void count(String apiPath) {
        count(apiPath, -1);
    }

    void count(String apiPath, long signedAtMillis) {
        calls.computeIfAbsent(apiPath, p -> new LongAdder()).increment();
        LazadaSandbox.CallTime t = new LazadaSandbox.CallTime(apiPath, signedAtMillis, System.currentTimeMillis(), System.nanoTime());
        synchronized (times) {
            if (times.size() < MAX_TIMES) times.add(t);
        }
    }

    java.util.List<LazadaSandbox.CallTime> times() {
        synchronized (times) {
            return java.util.List.copyOf(times);
        }
    }

    long calls(String apiPath) {
        LongAdder adder = calls.get(apiPath);
        return adder == null ? 0 : adder.sum();
    }

    /** A sorted snapshot. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((path, adder) -> out.put(path, adder.sum()));
        return out;
    }

    void reset() {
        calls.clear();
        synchronized (times) {
            times.clear();
        }
    }
}
