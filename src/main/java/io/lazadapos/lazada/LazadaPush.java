package io.lazadapos.lazada;

import java.time.Instant;

/**
 * One push Lazada sent to the callback URL, read from the exact bytes it signed. Only what the
 * sync acts on is lifted out; {@code rawBody} keeps the rest for an operator.
 *
 * @param messageType    Lazada's {@code message_type}
 * @param sellerId       the seller the push is about (null when a type the sync ignores has none)
 * @param tradeOrderId   the order of a trade-order or reverse-order push, else null
 * @param reverseOrderId the reverse order of a reverse-order push, else null
 * @param status         the item's {@code order_status} or the line's {@code reverse_status}, else null
 * @param authExpiryTime when the seller's authorization ends (token-expiring pushes), else null
 * @param rawBody        the body as received (UTF-8)
 */
public record LazadaPush(int messageType, String sellerId, String tradeOrderId, String reverseOrderId, String status,
        Instant authExpiryTime, String rawBody) {

    /** What a push is about, by {@code message_type}; everything else is recorded and ignored. */
    public enum Kind {
        TRADE_ORDER(0), TOKEN_EXPIRING(8), REVERSE_ORDER(10), OTHER(-1);

        private final int messageType;

        Kind(int messageType) {
            this.messageType = messageType;
        }

        public int messageType() {
            return messageType;
        }

        public static Kind of(int messageType) {
            for (Kind k : values()) {
                if (k.messageType == messageType) {
                    return k;
                }
            }
            return OTHER;
        }
    }

    public Kind kind() {
        return Kind.of(messageType);
    }

    /** Whether the sync acts on this push (the others are kept and ignored). */
    public boolean actionable() {
        return kind() != Kind.OTHER;
    }

    /** No body here: it carries order data that does not belong in logs. */
    @Override
    public String toString() {
        return "push type " + messageType + (tradeOrderId == null ? "" : " for order " + tradeOrderId)
                + (sellerId == null ? "" : " of seller " + sellerId);
    }
}
