package io.lazadapos.console;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;

import io.lazadapos.flow.BatchPlan;
import io.lazadapos.flow.OrderPlan;

/**
 * Fetches one order fresh from Lazada and syncs it (route fetch-and-sync-order), in an exchange
 * of its own, and reports what happened.
 */
final class OrderRefetch {

    /** The plan the sync made (null when it failed before planning) and the dead letter of a failure. */
    record Outcome(OrderPlan plan, Long deadLetterId) {

        String name() {
            if (deadLetterId != null) {
                return "failed";
            }
            return plan == null || plan.skipped() ? "unchanged" : "applied";
        }
    }

    private final ProducerTemplate producer;

    OrderRefetch(ProducerTemplate producer) {
        this.producer = producer;
    }

    Outcome refetch(String sellerId, String orderId, String source) {
        Exchange done = producer.send("direct:fetch-and-sync-order", e -> {
            e.getMessage().setHeader("sellerId", sellerId);
            e.getMessage().setHeader("orderId", orderId);
            e.getMessage().setHeader("syncSource", source);
        });
        Exception failure = done.getException();
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw new RuntimeCamelException(failure);
        }
        // The order's batch of one: its plan when the snapshot was applied, none when it was skipped.
        BatchPlan batch = done.getProperty("batch", BatchPlan.class);
        OrderPlan plan = batch == null || batch.plans().isEmpty() ? null : batch.plans().get(0);
        return new Outcome(plan, done.getProperty("deadLetterId", Long.class));
    }
}
