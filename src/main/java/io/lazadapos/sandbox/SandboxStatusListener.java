package io.lazadapos.sandbox;

import java.time.Instant;

/**
 * Told about every item status change after the sandbox started (driving API, live generator, scripted
 * transitions), on the thread that made the change. Historic transitions of a backfill are not told.
 * One call per item, as Lazada sends one push per item.
 */
@FunctionalInterface
public interface SandboxStatusListener {

    void onItemStatus(String sellerId, String orderId, String orderItemId, String newStatus, Instant updateTime);
}
