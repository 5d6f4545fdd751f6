package io.lazadapos.lazada;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A return or refund request (reverse order) on a trade order, as GetReverseOrdersForSeller lists it. */
public record LazadaReverseOrder(String reverseOrderId, String tradeOrderId, String requestType, List<Line> lines) {

    /** One returned order item. {@code refundMinor} is in the currency's minor units except in Vietnam. */
    public record Line(String reverseOrderLineId, String orderItemId, String reverseStatus, BigDecimal refundMinor,
            String reasonText, Instant modifiedAt) {
    }

    public Instant lastModified() {
        return lines.stream().map(Line::modifiedAt).filter(t -> t != null).max(Instant::compareTo).orElse(null);
    }
}
