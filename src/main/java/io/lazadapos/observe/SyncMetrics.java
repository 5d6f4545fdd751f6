package io.lazadapos.observe;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The sync's own Prometheus metrics (bean {@code syncMetrics}), served at /observe/metrics:
 * orders processed by stage, ledger events by type, Lazada calls by API and outcome, push
 * acknowledgement latency, inbox depth, dead letters. Counts of database writes are taken when
 * their transaction commits, so a rolled-back attempt is not counted.
 */
public final class SyncMetrics {

    /** Outcome of a Lazada call that got a successful reply. */
    public static final String OK = "ok";

    private final MeterRegistry registry;
    private final Timer pushAck;
    private final Map<String, AtomicLong> lazadaFailures = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pushAck = Timer.builder("lazadapos.push.ack")
                .description("Time from a push's arrival to its HTTP answer")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An order snapshot applied to the ledger (not skipped as stale or duplicate). */
    public void orderApplied(String stage, String source) {
        afterCommit(() -> Counter.builder("lazadapos.orders.processed")
                .description("Order snapshots applied to the ledger, by the stage they reached and their source")
                .tag("stage", String.valueOf(stage)).tag("source", String.valueOf(source))
                .register(registry).increment());
    }

    /**
     * Every order a batch applied, by stage and source, and the ledger events it wrote, by type:
     * the plan knows exactly which steps change which orders, so they are counted from it.
     */
    public void ordersApplied(io.lazadapos.flow.BatchPlan batch) {
        batch.plans().forEach(p -> orderApplied(p.stageName(), p.source()));
        batch.eventsByType().forEach((type, written) -> afterCommit(() -> ledgerEvents(type).increment(written)));
    }

    public void ledgerEventWritten(String type) {
        afterCommit(() -> ledgerEvents(type).increment());
    }

    /** {@code n} ledger events of one type written in the current transaction (the finance steps). */
    public void ledgerEventsWritten(String type, int n) {
        if (n > 0) {
            afterCommit(() -> ledgerEvents(type).increment(n));
        }
    }

    private Counter ledgerEvents(String type) {
        return Counter.builder("lazadapos.ledger.events")
                .description("Ledger events written, by type")
                .tag("type", String.valueOf(type))
                .register(registry);
    }

    /** One attempt of a Lazada call: {@link #OK} or the error kind (RATE_LIMITED, TRANSPORT, ...). */
    public void lazadaCall(String apiPath, String outcome) {
        Counter.builder("lazadapos.lazada.calls")
                .description("Lazada API calls (every attempt), by API path and outcome")
                .tag("api", String.valueOf(apiPath)).tag("outcome", String.valueOf(outcome))
                .register(registry).increment();
        if (!OK.equals(outcome)) {
            lazadaFailures.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** How long a push took from arrival to its HTTP answer; for the push handler to record. */
    /** A push answered now that arrived at {@code arrivedAtMillis} (epoch milliseconds). */
    public void pushAcknowledgedSince(long arrivedAtMillis) {
        pushAcknowledged(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - arrivedAtMillis)));
    }

    public void pushAcknowledged(Duration latency) {
        pushAck.record(latency);
    }

    /** Failed Lazada call attempts since start, by error kind (for the health panel). */
    public Map<String, Long> lazadaFailures() {
        Map<String, Long> m = new TreeMap<>();
        lazadaFailures.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** A value read when Prometheus scrapes (NaN when it cannot be read). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, () -> {
            try {
                Number n = value.get();
                return n == null ? Double.NaN : n.doubleValue();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).register(registry);
    }

    private static void afterCommit(Runnable count) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
