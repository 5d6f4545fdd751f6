package io.lazadapos.lazada;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static io.lazadapos.lazada.LazadaFields.decimalOrZero;
import static io.lazadapos.lazada.LazadaFields.requiredText;
import static io.lazadapos.lazada.LazadaFields.text;

/**
 * GetReverseOrdersForSeller: the returns and refund-only requests (not cancels, which the order
 * statuses already carry), filtered by the time their lines last changed.
 */
public final class LazadaReturns {

    public static final String API = "/reverse/getreverseordersforseller";

    /** One page of reverse orders, the ones that could not be read, and the total matching. */
    public record Page(List<LazadaReverseOrder> reverseOrders, List<LazadaOrderReader.RejectedRow> rejected, int rows, long total) {
    }

    private final LazadaOrders.Gateway gateway;
    private final java.util.function.Function<String, ZoneOffset> offsetOfSeller;

    public LazadaReturns(LazadaOrders.Gateway gateway, ZoneOffset sellerOffset) {
        this(gateway, seller -> sellerOffset);
    }

    /** Each seller's times in the offset of its country. */
    public LazadaReturns(LazadaOrders.Gateway gateway, java.util.function.Function<String, ZoneOffset> offsetOfSeller) {
        this.gateway = gateway;
        this.offsetOfSeller = offsetOfSeller;
    }

    public Page modifiedBetween(String sellerId, Instant from, Instant to, int pageNo, int pageSize) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("request_type_list", "[\"RETURN\",\"ONLY_REFUND\"]");
        p.put("ReverseOrderLineModifiedTimeRangeStart", Long.toString(from.toEpochMilli()));
        p.put("ReverseOrderLineModifiedTimeRangeEnd", Long.toString(to.toEpochMilli()));
        p.put("page_no", Integer.toString(pageNo));
        p.put("page_size", Integer.toString(pageSize));
        JsonNode root = gateway.call(LazadaRequest.of(sellerId, API, p));
        try {
            return read(root, offsetOfSeller.apply(sellerId));
        } catch (LazadaFields.MalformedLazadaValue e) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, API, null, e.getMessage(), null, e);
        }
    }

    /** The reverse orders of one trade order (a reverse-order push names it). */
    public Page ofOrder(String sellerId, String orderId, int pageSize) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("request_type_list", "[\"RETURN\",\"ONLY_REFUND\"]");
        p.put("trade_order_id", orderId);
        p.put("page_no", "1");
        p.put("page_size", Integer.toString(pageSize));
        JsonNode root = gateway.call(LazadaRequest.of(sellerId, API, p));
        try {
            return read(root, offsetOfSeller.apply(sellerId));
        } catch (LazadaFields.MalformedLazadaValue e) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, API, null, e.getMessage(), null, e);
        }
    }

    /** The payload sits under {@code result}, not {@code data}. */
    Page read(JsonNode root, ZoneOffset sellerOffset) {
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            throw new LazadaFields.MalformedLazadaValue("result", result == null ? null : result.toString(), "an object");
        }
        List<LazadaReverseOrder> orders = new ArrayList<>();
        List<LazadaOrderReader.RejectedRow> rejected = new ArrayList<>();
        int rows = 0;
        JsonNode items = result.get("items");
        if (items != null && !items.isNull() && !items.isArray()) {
            throw new LazadaFields.MalformedLazadaValue("items", items.getNodeType().toString(), "an array");
        }
        if (items != null && items.isArray()) {
            for (JsonNode item : items) {
                rows++;
                try {
                    orders.add(reverseOrder(item, sellerOffset));
                } catch (LazadaFields.MalformedLazadaValue e) {
                    String id = item.isObject() && item.hasNonNull("trade_order_id") ? item.get("trade_order_id").asText() : null;
                    rejected.add(new LazadaOrderReader.RejectedRow(id, item.toString(), e.getMessage()));
                }
            }
        }
        long total = LazadaFields.integer(result, "total", rows);
        if (total < 0) {
            throw new LazadaFields.MalformedLazadaValue("total", Long.toString(total), "a count");
        }
        return new Page(orders, rejected, rows, total);
    }

    private static LazadaReverseOrder reverseOrder(JsonNode n, ZoneOffset sellerOffset) {
        List<LazadaReverseOrder.Line> lines = new ArrayList<>();
        JsonNode ls = n.get("reverse_order_lines");
        if (ls == null || !ls.isArray()) {
            throw new LazadaFields.MalformedLazadaValue("reverse_order_lines", ls == null ? null : ls.toString(), "an array");
        }
        for (JsonNode l : ls) {
            lines.add(new LazadaReverseOrder.Line(
                    requiredText(l, "reverse_order_line_id"),
                    requiredText(l, "trade_order_line_id"),
                    requiredText(l, "reverse_status"),
                    decimalOrZero(l, "refund_amount"),
                    text(l, "reason_text"),
                    LazadaFields.instant(l, "return_order_line_gmt_modified", sellerOffset)));
        }
        return new LazadaReverseOrder(requiredText(n, "reverse_order_id"), requiredText(n, "trade_order_id"),
                requiredText(n, "request_type"), List.copyOf(lines));
    }
}
