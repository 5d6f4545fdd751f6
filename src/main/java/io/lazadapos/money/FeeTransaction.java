package io.lazadapos.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One Lazada finance transaction as the ledger keeps it: a fee line. Lazada's transaction number
 * is its key, so reading it again writes nothing. {@code orderId} is null for a seller-level
 * charge that names no order.
 */
public record FeeTransaction(String sellerId, String transactionNumber, String orderId, String orderItemId,
        String feeType, String feeName, FeeKind kind, BigDecimal amount, BigDecimal vatAmount, BigDecimal whtAmount,
        String statement, Instant transactionDate) {

    /** The named parameters of the fee_line statements. */
    public Map<String, Object> params(Instant now) {
        Map<String, Object> m = new HashMap<>();
        m.put("sellerId", sellerId);
        m.put("transactionNumber", transactionNumber);
        m.put("orderId", orderId);
        m.put("orderItemId", orderItemId);
        m.put("feeType", feeType);
        m.put("feeName", feeName);
        m.put("kind", kind.name());
        m.put("amount", amount);
        m.put("vatAmount", vatAmount);
        m.put("whtAmount", whtAmount);
        m.put("statement", statement);
        m.put("transactionDate", utc(transactionDate));
        m.put("now", utc(now));
        return m;
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
