package io.lazadapos.flow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything the POS steps of one order snapshot need, decided before any SQL runs, against the
 * ledger's state of the order read under its lock: which steps change the order ({@link #steps()},
 * each with the map its route receives), which lines are new or changed ({@link #lines()}), which
 * leave the document now ({@link #removedLines()}), which reviews open ({@link #reviews()}). A
 * step that would change nothing for the order is not in the plan. Maps are keyed by the SQL
 * parameter names of the batch statements; each has the order's {@code sellerId}, {@code orderId},
 * {@code orderNumber}, {@code stage}, {@code source}, {@code newOrder}, {@code now} and
 * {@code lazadaUpdatedAt}.
 */
public record OrderPlan(
        Skip skip,
        String sellerId,
        String orderId,
        String orderNumber,
        String source,
        Stage stage,
        String lazadaStatuses,
        OffsetDateTime lazadaUpdatedAt,
        OffsetDateTime createdAt,
        OffsetDateTime now,
        LocalDate businessDate,
        String currency,
        BigDecimal price,
        BigDecimal voucher,
        BigDecimal shippingFee,
        BigDecimal expectedTotal,
        String salesOrderNumber,
        String invoiceNumber,
        String recycleReason,
        boolean knownOrder,
        boolean cancelAfterSent,
        boolean releasedFromUnmapped,
        String previousStage,
        int restoreCount,
        String fingerprint,
        int progress,
        List<Map<String, Object>> lines,
        List<Map<String, Object>> removedLines,
        List<Map<String, Object>> reviews,
        Map<PosStep, Map<String, Object>> steps) {

    /** Why a snapshot writes nothing. */
    public enum Skip {
        /** Apply it. */
        NONE,
        /** Older than what the ledger holds: never undo a newer snapshot. */
        STALE,
        /** The very snapshot the ledger already holds. */
        DUPLICATE
    }

    /** The order's own row (pos_order) by the names the SQL of pos-record-orders uses. */
    public Map<String, Object> params() {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("sellerId", sellerId);
        p.put("orderId", orderId);
        p.put("orderNumber", orderNumber);
        p.put("source", source);
        p.put("newOrder", !knownOrder);
        p.put("stage", stage.name());
        p.put("tab", stage.tab().name());
        p.put("lazadaStatuses", lazadaStatuses);
        p.put("lazadaUpdatedAt", lazadaUpdatedAt);
        p.put("createdAt", createdAt);
        p.put("now", now);
        p.put("businessDate", businessDate);
        p.put("currency", currency);
        p.put("price", price);
        p.put("voucher", voucher);
        p.put("shippingFee", shippingFee);
        p.put("fingerprint", fingerprint);
        p.put("progress", progress);
        return p;
    }

    public boolean skipped() {
        return skip != Skip.NONE;
    }

    public String stageName() {
        return stage.name();
    }

    public String tabName() {
        return stage.tab().name();
    }

    public boolean hasRemovedLines() {
        return !removedLines.isEmpty();
    }

    public boolean hasReviews() {
        return !reviews.isEmpty();
    }
}
