package io.lazadapos.push;

import java.time.Instant;
import java.util.List;

import io.lazadapos.lazada.LazadaPush;

/**
 * The inbox rows one claim took together: every pending push of one order (the N items of a
 * change, a burst of changes, trade-order and reverse-order pushes alike), answered by ONE fresh
 * fetch; or one token-expiring push.
 */
public record PushBatch(String claimId, String sellerId, String orderId, List<LazadaPush> pushes) {

    public PushBatch {
        if (pushes.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one push");
        }
        pushes = List.copyOf(pushes);
    }

    /** REVERSE_ORDER when any push of the order is about its reverse order (its data must be read too). */
    public LazadaPush.Kind kind() {
        if (pushes.stream().anyMatch(p -> p.kind() == LazadaPush.Kind.TOKEN_EXPIRING)) {
            return LazadaPush.Kind.TOKEN_EXPIRING;
        }
        return pushes.stream().anyMatch(p -> p.kind() == LazadaPush.Kind.REVERSE_ORDER)
                ? LazadaPush.Kind.REVERSE_ORDER : LazadaPush.Kind.TRADE_ORDER;
    }

    /** The kind's name, for the routes' choices. */
    public String kindName() {
        return kind().name();
    }

    public int size() {
        return pushes.size();
    }

    /** The latest reverse order named by the batch's reverse-order pushes, or null. */
    public String reverseOrderId() {
        String id = null;
        for (LazadaPush p : pushes) {
            if (p.reverseOrderId() != null) {
                id = p.reverseOrderId();
            }
        }
        return id;
    }

    /** The latest authorization expiry a token-expiring push announced, or null. */
    public Instant authExpiryTime() {
        Instant latest = null;
        for (LazadaPush p : pushes) {
            if (p.authExpiryTime() != null && (latest == null || p.authExpiryTime().isAfter(latest))) {
                latest = p.authExpiryTime();
            }
        }
        return latest;
    }

    /** The raw bodies as one JSON array (each body is JSON), for a dead letter. */
    public String rawBodies() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < pushes.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(pushes.get(i).rawBody());
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return size() + " push(es) " + (orderId == null ? "" : "for order " + orderId + " ") + "of seller " + sellerId;
    }
}
