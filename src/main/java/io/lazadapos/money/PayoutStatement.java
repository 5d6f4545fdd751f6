package io.lazadapos.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** One payout statement of a seller (Lazada's /finance/payout/status/get). */
public record PayoutStatement(String sellerId, String number, BigDecimal openingBalance, BigDecimal itemRevenue,
        BigDecimal feesTotal, BigDecimal refunds, BigDecimal closingBalance, BigDecimal payout, boolean paid,
        Instant createdAt, Instant updatedAt) {

    /** What the statement's own transactions should add up to: its movement, closing less opening. */
    public BigDecimal movement() {
        return closingBalance.subtract(openingBalance);
    }

    public Map<String, Object> params(Instant now) {
        Map<String, Object> m = new HashMap<>();
        m.put("sellerId", sellerId);
        m.put("number", number);
        m.put("openingBalance", openingBalance);
        m.put("itemRevenue", itemRevenue);
        m.put("feesTotal", feesTotal);
        m.put("refunds", refunds);
        m.put("closingBalance", closingBalance);
        m.put("payout", payout);
        m.put("paid", paid);
        m.put("createdAt", utc(createdAt));
        m.put("updatedAt", utc(updatedAt));
        m.put("now", utc(now));
        return m;
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
