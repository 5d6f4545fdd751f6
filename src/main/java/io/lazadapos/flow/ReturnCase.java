package io.lazadapos.flow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.lazada.LazadaReverseOrder;

/**
 * A buyer's return or refund-only request on delivered items, as the POS keeps it: the returned
 * lines, the refund in major units, the reverse status and reason, and whether it is still open.
 */
public record ReturnCase(
        String sellerId,
        String orderId,
        String reverseOrderId,
        String requestType,
        State state,
        String reverseStatus,
        BigDecimal refundAmount,
        String reason,
        String currency,
        Instant modifiedAt,
        Instant observedAt,
        List<Map<String, Object>> lines) {

    /** Where a case stands. OPEN and REFUNDED cases make their lines returned; the others do not. */
    public enum State {
        OPEN, REFUNDED, CANCELLED, REJECTED;

        public boolean returnsGoods() {
            return this == OPEN || this == REFUNDED;
        }

        public boolean closed() {
            return this != OPEN;
        }

        /** Lazada's reverse statuses are many and grow; read them by what they say. */
        static State ofReverseStatus(String reverseStatus) {
            String s = reverseStatus == null ? "" : reverseStatus.toUpperCase(Locale.ROOT);
            if (s.contains("REFUND_SUCCESS") || s.equals("REFUNDED") || s.contains("REFUND_COMPLETE")) {
                return REFUNDED;
            }
            if (s.contains("CANCEL")) {
                return CANCELLED;
            }
            if (s.contains("REJECT")) {
                return REJECTED;
            }
            return OPEN;
        }
    }

    /** @param observedAt when the POS read the case (the time its rows record) */
    public static ReturnCase of(String sellerId, LazadaReverseOrder reverse, LazadaCountry country, Instant observedAt) {
        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal refund = BigDecimal.ZERO;
        LinkedHashSet<String> statuses = new LinkedHashSet<>();
        boolean anyOpen = false;
        boolean anyRefunded = false;
        boolean anyRejected = false;
        String reason = null;
        OffsetDateTime lastModified = null;
        for (LazadaReverseOrder.Line l : reverse.lines()) {
            State lineState = State.ofReverseStatus(l.reverseStatus());
            anyOpen |= lineState == State.OPEN;
            anyRefunded |= lineState == State.REFUNDED;
            anyRejected |= lineState == State.REJECTED;
            statuses.add(l.reverseStatus());
            BigDecimal amount = country.usesMinorUnits()
                    ? l.refundMinor().movePointLeft(2).setScale(2, RoundingMode.HALF_UP)
                    : l.refundMinor().setScale(2, RoundingMode.HALF_UP);
            refund = refund.add(amount);
            if (reason == null && l.reasonText() != null && !l.reasonText().isBlank()) {
                reason = l.reasonText();
            }
            OffsetDateTime modified = l.modifiedAt() == null ? null : l.modifiedAt().atOffset(ZoneOffset.UTC);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sellerId", sellerId);
            m.put("orderId", reverse.tradeOrderId());
            m.put("reverseOrderId", reverse.reverseOrderId());
            m.put("reverseOrderLineId", l.reverseOrderLineId());
            m.put("orderItemId", l.orderItemId());
            m.put("reverseStatus", l.reverseStatus());
            m.put("refundAmount", amount);
            m.put("reason", l.reasonText());
            m.put("active", lineState.returnsGoods());
            m.put("modifiedAt", modified);
            lines.add(m);
            if (modified != null && (lastModified == null || modified.isAfter(lastModified))) {
                lastModified = modified;
            }
        }
        State state = anyOpen ? State.OPEN : anyRefunded ? State.REFUNDED : anyRejected ? State.REJECTED : State.CANCELLED;
        return new ReturnCase(sellerId, reverse.tradeOrderId(), reverse.reverseOrderId(), reverse.requestType(), state,
                String.join(",", statuses), refund, reason, country.currency(), lastModified == null ? null : lastModified.toInstant(),
                observedAt, List.copyOf(lines));
    }

    /** What the order's RETURN_REQUESTED review says about this case. */
    public String reviewDetail() {
        String what = "ONLY_REFUND".equals(requestType) ? "refund-only request" : "return";
        String items = String.join(", ", lines.stream().map(l -> (String) l.get("orderItemId")).toList());
        String money = refundAmount.toPlainString() + " " + currency;
        String because = reason == null ? "" : "; reason: " + reason;
        return switch (state) {
            case OPEN -> what + " " + reverseOrderId + " (" + reverseStatus + ") of lines " + items + "; refund " + money + because;
            case REFUNDED -> what + " " + reverseOrderId + " closed: refunded " + money + " for lines " + items + because;
            case CANCELLED -> what + " " + reverseOrderId + " closed: the buyer cancelled the request (" + reverseStatus + "), no refund";
            case REJECTED -> what + " " + reverseOrderId + " closed: the request was rejected (" + reverseStatus + "), no refund";
        };
    }

    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sellerId", sellerId);
        p.put("orderId", orderId);
        p.put("reverseOrderId", reverseOrderId);
        p.put("requestType", requestType);
        p.put("state", state.name());
        p.put("reverseStatus", reverseStatus.length() > 200 ? reverseStatus.substring(0, 200) : reverseStatus);
        p.put("refundAmount", refundAmount);
        p.put("reason", reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500));
        p.put("modifiedAt", modifiedAt == null ? null : modifiedAt.atOffset(ZoneOffset.UTC));
        p.put("closed", state.closed());
        p.put("now", observedAt.atOffset(ZoneOffset.UTC));
        String detail = reviewDetail();
        p.put("reviewDetail", detail.length() > 1000 ? detail.substring(0, 1000) : detail);
        return p;
    }

    @Override
    public String toString() {
        return "return case " + reverseOrderId + " of order " + orderId + " (" + state + ")";
    }
}
