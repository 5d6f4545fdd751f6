package io.lazadapos.sandbox;

import java.time.Instant;

/** Told about every reverse order line status change (returns and refunds), like Lazada's push type 10. */
@FunctionalInterface
public interface SandboxReverseListener {

    void onReverseStatus(String sellerId, String reverseOrderId, String reverseOrderLineId, String reverseStatus,
                         String tradeOrderId, String tradeOrderLineId, Instant updateTime);
}
