package io.lazadapos.observe;

import java.time.Instant;
import java.util.Optional;

/**
 * How far the push inbox is behind: what the inbox-backlog health check, the inbox-depth metric
 * and the health panel read. The push receiver may bind its own implementation as bean
 * {@code inboxBacklog}; without one, {@link PushInboxTable} reads the push_inbox table.
 */
public interface InboxBacklog {

    /** Pushes received and not processed yet, the oldest of them, and the last push received. */
    record Reading(long pending, Instant oldestPendingAt, Instant lastReceivedAt) {
    }

    /** Empty when there is no push inbox (pushes not set up in this version or deployment). */
    Optional<Reading> read();
}
