package io.lazadapos.lazada;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static io.lazadapos.lazada.LazadaFields.decimal;
import static io.lazadapos.lazada.LazadaFields.decimalOrZero;
import static io.lazadapos.lazada.LazadaFields.flag;
import static io.lazadapos.lazada.LazadaFields.instant;
import static io.lazadapos.lazada.LazadaFields.requiredText;
import static io.lazadapos.lazada.LazadaFields.text;

/** Turns the {@code data} of order replies into {@link LazadaOrder} and {@link LazadaOrderItem}. */
public final class LazadaOrderReader {

    private final ZoneOffset sellerOffset;

    public LazadaOrderReader(ZoneOffset sellerOffset) {
        this.sellerOffset = sellerOffset;
    }

    /** A row that could not be read: kept raw, with the reason, for the dead-letter table. */
    public record RejectedRow(String orderId, String raw, String error) {
    }

    /** One page of GetOrders: the orders, the rows that could not be read, and the total matching the query. */
    public record OrdersPage(List<LazadaOrder> orders, List<RejectedRow> rejected, int rows, long countTotal) {
    }

    /** GetMultipleOrderItems read per order: one bad order does not spoil the batch. */
    public record ItemsByOrder(Map<String, List<LazadaOrderItem>> items, List<RejectedRow> rejected) {
    }

    public OrdersPage ordersPage(JsonNode data) {
        // A page of the wrong shape is a malformed reply (retried), never read as an empty page.
        if (data == null || !data.isObject()) {
            throw new LazadaFields.MalformedLazadaValue("data", data == null ? null : data.getNodeType().toString(), "an object");
        }
        JsonNode rows = data.get("orders");
        List<LazadaOrder> orders = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        int count = 0;
        if (rows == null || rows.isNull()) {
            if (LazadaFields.integer(data, "count", 0) > 0) {
                throw new LazadaFields.MalformedLazadaValue("orders", null, "the " + data.get("count").asText() + " orders the page counts");
            }
        } else {
            if (!rows.isArray()) {
                throw new LazadaFields.MalformedLazadaValue("orders", rows.getNodeType().toString(), "an array");
            }
            for (JsonNode row : rows) {
                count++;
                try {
                    orders.add(order(row));
                } catch (LazadaFields.MalformedLazadaValue e) {
                    rejected.add(new RejectedRow(idOf(row, "order_id"), row.toString(), e.getMessage()));
                }
            }
        }
        long total = LazadaFields.integer(data, "countTotal", LazadaFields.integer(data, "count", count));
        if (total < 0) {
            throw new LazadaFields.MalformedLazadaValue("countTotal", Long.toString(total), "a count");
        }
        return new OrdersPage(orders, rejected, count, total);
    }

    public LazadaOrder order(JsonNode row) {
        if (row == null || !row.isObject()) {
            throw new LazadaFields.MalformedLazadaValue("order", row == null ? null : row.toString(), "an object");
        }
        String orderId = requiredText(row, "order_id");
        var created = instant(row, "created_at", sellerOffset);
        var updated = instant(row, "updated_at", sellerOffset);
        if (updated == null) {
            updated = created;
        }
        if (updated == null) {
            throw new LazadaFields.MalformedLazadaValue("updated_at", null, "a date-time");
        }
        List<String> statuses = new ArrayList<>();
        JsonNode st = row.get("statuses");
        if (st != null && st.isArray()) {
            st.forEach(s -> statuses.add(s.asText().trim().toLowerCase(Locale.ROOT)));
        } else if (st != null && st.isTextual()) {
            statuses.add(st.asText().trim().toLowerCase(Locale.ROOT));
        }
        String number = text(row, "order_number");
        return new LazadaOrder(
                orderId,
                number == null ? orderId : number,
                created,
                updated,
                List.copyOf(statuses),
                (int) LazadaFields.integer(row, "items_count", 0),
                decimalOrZero(row, "price"),
                decimalOrZero(row, "voucher"),
                decimalOrZero(row, "shipping_fee"),
                text(row, "payment_method"),
                flag(row, "need_cancel_confirm"),
                flag(row, "is_cancel_pending"));
    }

    public List<LazadaOrderItem> items(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new LazadaFields.MalformedLazadaValue("order_items", array == null ? null : array.toString(), "an array");
        }
        List<LazadaOrderItem> items = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            items.add(item(n));
        }
        return items;
    }

    /** GetMultipleOrderItems: {@code [{order_id, order_number, order_items:[...]}]} by order id. */
    public ItemsByOrder itemsByOrder(JsonNode data) {
        if (data == null || !data.isArray()) {
            throw new LazadaFields.MalformedLazadaValue("data", data == null ? null : data.getNodeType().toString(), "an array");
        }
        Map<String, List<LazadaOrderItem>> byOrder = new LinkedHashMap<>();
        List<RejectedRow> rejected = new ArrayList<>();
        for (JsonNode entry : data) {
            try {
                byOrder.put(requiredText(entry, "order_id"), items(entry.get("order_items")));
            } catch (LazadaFields.MalformedLazadaValue e) {
                rejected.add(new RejectedRow(idOf(entry, "order_id"), entry.toString(), e.getMessage()));
            }
        }
        return new ItemsByOrder(byOrder, rejected);
    }

    private static String idOf(JsonNode row, String field) {
        try {
            return row != null && row.isObject() ? text(row, field) : null;
        } catch (LazadaFields.MalformedLazadaValue e) {
            return null;
        }
    }

    public LazadaOrderItem item(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new LazadaFields.MalformedLazadaValue("order item", n == null ? null : n.toString(), "an object");
        }
        String status = requiredText(n, "status").toLowerCase(Locale.ROOT);
        return new LazadaOrderItem(
                requiredText(n, "order_item_id"),
                status,
                text(n, "sku"),
                text(n, "shop_sku"),
                text(n, "name"),
                text(n, "variation"),
                decimal(n, "item_price"),
                decimalOrZero(n, "paid_price"),
                decimalOrZero(n, "shipping_amount"),
                decimalOrZero(n, "voucher_amount"),
                text(n, "currency"),
                text(n, "cancel_return_initiator"),
                text(n, "reason"),
                flag(n, "need_cancel_confirm"),
                flag(n, "is_cancel_pending"),
                instant(n, "cancel_trigger_time", sellerOffset),
                text(n, "return_status"),
                text(n, "reverse_order_id"),
                instant(n, "created_at", sellerOffset),
                instant(n, "updated_at", sellerOffset));
    }
}
