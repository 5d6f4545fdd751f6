package io.lazadapos.lazada;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape each API's successful reply must have, checked while the call can still be retried: a
 * reply whose envelope has the wrong JSON types is a malformed reply (a passing fault, retried),
 * never read as an empty page. The rows inside are read later, one by one; a bad row becomes a
 * dead letter and the others go on.
 */
final class ReplyShapes {

    private ReplyShapes() {
    }

    /** What is wrong with the reply's shape, or null. */
    static String problem(String apiPath, JsonNode root) {
        if (apiPath == null) {
            return null;
        }
        JsonNode data = root.get("data");
        switch (apiPath) {
            case "/orders/get": {
                if (data == null || !data.isObject()) {
                    return "data is " + type(data) + ", not an object";
                }
                JsonNode orders = data.get("orders");
                if (orders != null && !orders.isNull() && !orders.isArray()) {
                    return "data.orders is " + type(orders) + ", not an array";
                }
                if ((orders == null || orders.isNull()) && count(data.get("count")) > 0) {
                    return "data.orders is missing while data.count is " + data.get("count").asText();
                }
                String c = countProblem("data.countTotal", data.get("countTotal"));
                return c != null ? c : countProblem("data.count", data.get("count"));
            }
            case "/orders/items/get": {
                if (data == null || !data.isArray()) {
                    return "data is " + type(data) + ", not an array";
                }
                for (JsonNode entry : data) {
                    if (!entry.isObject() || !entry.path("order_items").isArray()) {
                        return "an entry of data has no order_items array";
                    }
                }
                return null;
            }
            case "/order/get":
                return data == null || !data.isObject() ? "data is " + type(data) + ", not an object" : null;
            case "/order/items/get":
                return data == null || !data.isArray() ? "data is " + type(data) + ", not an array" : null;
            case "/reverse/getreverseordersforseller": {
                JsonNode result = root.get("result");
                if (result == null || !result.isObject()) {
                    return "result is " + type(result) + ", not an object";
                }
                JsonNode items = result.get("items");
                if (items != null && !items.isNull() && !items.isArray()) {
                    return "result.items is " + type(items) + ", not an array";
                }
                return countProblem("result.total", result.get("total"));
            }
            case LazadaTokens.REFRESH_API:
                return !root.path("access_token").isTextual() || !root.path("refresh_token").isTextual()
                        ? "token answer without access_token and refresh_token texts" : null;
            default:
                return null;
        }
    }

    /** A GetOrders page with more rows than its {@code limit}: not Lazada's paging, reading on would skip or repeat rows. */
    static String beyondLimit(LazadaRequest request, JsonNode root) {
        String limit = request.params().get("limit");
        JsonNode orders = root.path("data").path("orders");
        if (!"/orders/get".equals(request.apiPath()) || limit == null || !orders.isArray()) {
            return null;
        }
        try {
            int asked = Integer.parseInt(limit);
            return orders.size() > asked ? "page has " + orders.size() + " rows, " + asked + " were asked for" : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String countProblem(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return count(n) < 0 ? field + " is " + abbreviate(n.toString()) + ", not a count" : null;
    }

    /** A non-negative whole number (as a number or a text), else -1. */
    private static long count(JsonNode n) {
        if (n == null || n.isNull()) {
            return 0;
        }
        if (n.isIntegralNumber()) {
            return n.longValue() < 0 ? -1 : n.longValue();
        }
        if (n.isTextual()) {
            try {
                long v = Long.parseLong(n.asText().trim());
                return v < 0 ? -1 : v;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static String type(JsonNode n) {
        return n == null || n.isMissingNode() ? "missing" : n.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
