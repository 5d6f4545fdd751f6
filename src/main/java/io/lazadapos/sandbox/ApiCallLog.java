package io.lazadapos.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many calls each API path answered (errors included), so tests can check a client's call budget. */
final class ApiCallLog {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    void count(String apiPath) {
        calls.computeIfAbsent(apiPath, p -> new LongAdder()).increment();
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
    }
}
