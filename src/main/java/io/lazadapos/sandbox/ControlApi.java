package io.lazadapos.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driving API over HTTP under {@code /sandbox}, for tests and tools in other processes: plain
 * JSON in and out, no signature, loopback callers only.
 *
 * <pre>
 * GET  /sandbox                              info (base URL, seller, country, order count)
 * GET  /sandbox/orders[?seller_id=]          truth list
 * POST /sandbox/orders                       spec JSON -> {"order_id": "..."}
 * GET  /sandbox/orders/{id}                  truth of one order
 * POST /sandbox/orders/{id}/status           {"status", "order_item_id"?, "cancel_return_initiator"?}
 * POST /sandbox/orders/{id}/cancel-request   {"cancel_trigger_time"?}
 * POST /sandbox/orders/{id}/touch
 * POST /sandbox/orders/{id}/reverse-status   {"reverse_status", "order_item_id"?}
 * POST /sandbox/backfill?n=[&amp;seller_id=]      -> {"created": n}
 * POST /sandbox/advance                      apply due transitions now -> {"applied": k}
 * GET  /sandbox/calls                        {"/orders/get": 12, ...};  DELETE resets
 * GET  /sandbox/pushes                       {"sent", "failed", "dropped", "duplicated", "delayed", "reordered", "pending"}
 * POST /sandbox/sellers                      {"seller_id", "access_token", "refresh_token"}
 * POST /sandbox/faults                       {"api_path", "code", "times"?}: the next calls fail so
 * POST /sandbox/faults                       {"share", "kinds"?, "slow_reply_ms"?, "api_paths"?}: a share fails (FaultMix)
 * GET  /sandbox/faults                       {"share", "kinds", "slow_reply_ms", "injected": {...}}
 * POST /sandbox/tokens/expire                {"seller_id"?, "after_calls"?}: the access token lapses (now or later)
 * POST /sandbox/tokens/revoke                {"seller_id"?}: the seller withdraws the authorization
 * POST /sandbox/statements/{number}/skew     {"seller_id"?, "amount"}: from now on the statement's item_revenue
 *                                            (so closing_balance, payout) is off by amount (major units; "0" undoes)
 * </pre>
 */
final class ControlApi implements HttpHandler {

    static final String CONTEXT = "/sandbox";

    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);

    private final LazadaSandbox sandbox;
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    ControlApi(LazadaSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                send(exchange, 403, problem("the sandbox control API answers loopback callers only"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(CONTEXT.length());
            List<String> parts = new ArrayList<>();
            for (String part : path.split("/")) if (!part.isEmpty()) parts.add(part);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? mapper.createObjectNode() : mapper.readTree(raw);
            JsonNode answer = route(exchange.getRequestMethod().toUpperCase(), parts, query, body);
            if (answer == null) send(exchange, 404, problem("no such sandbox endpoint: " + exchange.getRequestMethod() + " " + path));
            else send(exchange, 200, answer);
        } catch (NoSuchElementException e) {
            send(exchange, 404, problem(e.getMessage()));
        } catch (IllegalArgumentException | IOException e) {
            send(exchange, 400, problem(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("Sandbox control request failed", e);
            send(exchange, 500, problem(e.toString()));
        } finally {
            exchange.close();
        }
    }

    private JsonNode route(String method, List<String> parts, Map<String, String> query, JsonNode body) {
        int n = parts.size();
        if (n == 0 && method.equals("GET")) return info();
        String head = parts.isEmpty() ? "" : parts.get(0);
        switch (head) {
            case "orders" -> {
                if (n == 1 && method.equals("GET")) return views(sandbox.orders(query.getOrDefault("seller_id", sandbox.settings().sellerId())));
                if (n == 1 && method.equals("POST")) return mapper.createObjectNode().put("order_id", sandbox.createOrder(spec(body)));
                if (n == 2 && method.equals("GET")) return view(sandbox.order(parts.get(1)));
                if (n == 3 && method.equals("POST")) {
                    String id = parts.get(1);
                    switch (parts.get(2)) {
                        case "status" -> {
                            String status = required(body, "status");
                            String itemId = text(body, "order_item_id");
                            String initiator = text(body, "cancel_return_initiator");
                            if (itemId == null) sandbox.setOrderStatus(id, status, initiator);
                            else sandbox.setItemStatus(id, itemId, status, initiator);
                        }
                        case "cancel-request" -> {
                            String trigger = text(body, "cancel_trigger_time");
                            sandbox.setBuyerCancelRequest(id, trigger == null ? null : instant(trigger));
                        }
                        case "touch" -> sandbox.touch(id);
                        case "reverse-status" -> sandbox.setReverseStatus(id, text(body, "order_item_id"), required(body, "reverse_status"));
                        default -> {
                            return null;
                        }
                    }
                    return view(sandbox.order(id));
                }
            }
            case "backfill" -> {
                if (n == 1 && method.equals("POST")) {
                    int count = Integer.parseInt(query.getOrDefault("n", text(body, "n") == null ? "0" : text(body, "n")));
                    String seller = query.getOrDefault("seller_id", sandbox.settings().sellerId());
                    return mapper.createObjectNode().put("created", sandbox.generateBackfill(seller, count));
                }
            }
            case "advance" -> {
                if (n == 1 && method.equals("POST")) return mapper.createObjectNode().put("applied", sandbox.advance());
            }
            case "calls" -> {
                if (n == 1 && method.equals("GET")) return mapper.valueToTree(sandbox.apiCallCounts());
                if ((n == 1 && method.equals("DELETE")) || (n == 2 && method.equals("POST") && parts.get(1).equals("reset"))) {
                    sandbox.resetCounters();
                    return mapper.createObjectNode();
                }
            }
            case "pushes" -> {
                if (n == 1 && method.equals("GET")) return mapper.valueToTree(sandbox.pushStats());
            }
            case "sellers" -> {
                if (n == 1 && method.equals("POST")) {
                    sandbox.addSeller(required(body, "seller_id"), required(body, "access_token"), required(body, "refresh_token"));
                    return mapper.createObjectNode().put("seller_id", required(body, "seller_id"));
                }
            }
            case "faults" -> {
                if (n == 1 && method.equals("POST") && body.has("share")) {
                    sandbox.setFaultMix(faultMix(body));
                    return faults();
                }
                if (n == 1 && method.equals("POST")) {
                    sandbox.failNextCalls(required(body, "api_path"), required(body, "code"), body.path("times").asInt(1));
                    return mapper.createObjectNode();
                }
                if (n == 1 && method.equals("GET")) return faults();
            }
            case "tokens" -> {
                String seller = text(body, "seller_id") == null ? sandbox.settings().sellerId() : text(body, "seller_id");
                if (n == 2 && method.equals("POST") && parts.get(1).equals("expire")) {
                    if (body.hasNonNull("after_calls")) sandbox.expireAccessTokenAfterCalls(seller, body.get("after_calls").asLong());
                    else sandbox.expireAccessToken(seller);
                    return mapper.createObjectNode().put("seller_id", seller);
                }
                if (n == 2 && method.equals("POST") && parts.get(1).equals("revoke")) {
                    sandbox.revokeAuthorization(seller);
                    return mapper.createObjectNode().put("seller_id", seller);
                }
            }
            case "statements" -> {
                if (n == 3 && method.equals("POST") && parts.get(2).equals("skew")) {
                    String seller = text(body, "seller_id") == null ? sandbox.settings().sellerId() : text(body, "seller_id");
                    BigDecimal amount = decimal(body, "amount");
                    if (amount == null) throw new IllegalArgumentException("missing \"amount\"");
                    sandbox.skewStatement(seller, parts.get(1), amount);
                    return mapper.createObjectNode().put("seller_id", seller).put("statement_number", parts.get(1))
                            .put("amount", amount.toPlainString());
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    private JsonNode info() {
        SandboxSettings s = sandbox.settings();
        ObjectNode info = mapper.createObjectNode();
        info.put("base_url", sandbox.baseUrl());
        info.put("app_key", s.appKey());
        info.put("seller_id", s.sellerId());
        info.put("country", s.country());
        info.put("currency", s.currency());
        info.put("orders", sandbox.orderCount(s.sellerId()));
        return info;
    }

    private FaultMix faultMix(JsonNode n) {
        JsonNode share = n.get("share");
        if (share == null || !share.isNumber()) throw new IllegalArgumentException("\"share\" must be a number between 0 and 1");
        java.util.List<String> kinds = new ArrayList<>();
        JsonNode k = n.get("kinds");
        if (k != null && k.isArray()) k.forEach(kind -> kinds.add(kind.asText()));
        else if (k != null && k.isTextual()) kinds.addAll(FaultMix.parseKinds(k.asText()));
        java.util.Set<String> paths = new java.util.HashSet<>();
        if (n.has("api_paths")) n.get("api_paths").forEach(p -> paths.add(p.asText()));
        FaultMix mix = new FaultMix(share.asDouble(), kinds, null, paths);
        if (n.hasNonNull("slow_reply_ms")) mix = mix.withSlowReply(java.time.Duration.ofMillis(n.get("slow_reply_ms").asLong()));
        return mix;
    }

    private JsonNode faults() {
        FaultMix mix = sandbox.faultMix();
        ObjectNode out = mapper.createObjectNode();
        out.put("share", mix.share());
        ArrayNode kinds = out.putArray("kinds");
        mix.kinds().forEach(kinds::add);
        out.put("slow_reply_ms", mix.slowReply().toMillis());
        out.set("injected", mapper.valueToTree(sandbox.injectedFaults()));
        return out;
    }

    private SandboxOrderSpec spec(JsonNode n) {
        SandboxOrderSpec.Builder b = SandboxOrderSpec.builder();
        if (text(n, "seller_id") != null) b.sellerId(text(n, "seller_id"));
        if (n.hasNonNull("items_count")) b.items(n.get("items_count").asInt());
        if (n.has("items")) {
            for (JsonNode line : n.get("items")) {
                SandboxItemSpec item = SandboxItemSpec.any()
                        .withSku(text(line, "sku"))
                        .withName(text(line, "name"))
                        .withVariation(text(line, "variation"))
                        .withItemPrice(decimal(line, "item_price"))
                        .withPaidPrice(decimal(line, "paid_price"))
                        .withVoucherSeller(decimal(line, line.has("voucher_amount") ? "voucher_amount" : "voucher_seller"))
                        .withVoucherPlatform(decimal(line, "voucher_platform"))
                        .withShippingAmount(decimal(line, "shipping_amount"))
                        .withTaxAmount(decimal(line, "tax_amount"))
                        .withQuantity(line.path("quantity").asInt(1));
                b.item(item);
            }
        }
        if (text(n, "status") != null) b.status(text(n, "status"));
        if (text(n, "created_at") != null) b.createdAt(instant(text(n, "created_at")));
        if (n.hasNonNull("amounts_as_strings")) b.amountsAsStrings(n.get("amounts_as_strings").asBoolean());
        b.voucherSeller(decimal(n, n.has("voucher") ? "voucher" : "voucher_seller"));
        b.voucherPlatform(decimal(n, "voucher_platform"));
        b.shippingFee(decimal(n, "shipping_fee"));
        b.amountMismatch(decimal(n, "amount_mismatch"));
        if (text(n, "payment_method") != null) b.paymentMethod(text(n, "payment_method"));
        return b.build();
    }

    private ArrayNode views(List<SandboxOrderView> orders) {
        ArrayNode array = mapper.createArrayNode();
        for (SandboxOrderView order : orders) array.add(view(order));
        return array;
    }

    /** The truth in snake_case, amounts as decimal strings, instants in ISO UTC. */
    private ObjectNode view(SandboxOrderView o) {
        ObjectNode n = mapper.createObjectNode();
        n.put("seller_id", o.sellerId());
        n.put("order_id", o.orderId());
        n.put("order_number", o.orderNumber());
        n.put("created_at", o.createdAt().toString());
        n.put("updated_at", o.updatedAt().toString());
        ArrayNode statuses = n.putArray("statuses");
        o.statuses().forEach(statuses::add);
        n.put("currency", o.currency());
        n.put("price", o.price().toPlainString());
        n.put("voucher", o.voucher().toPlainString());
        n.put("voucher_seller", o.voucherSeller().toPlainString());
        n.put("voucher_platform", o.voucherPlatform().toPlainString());
        n.put("shipping_fee", o.shippingFee().toPlainString());
        n.put("payment_method", o.paymentMethod());
        n.put("customer_first_name", o.customerFirstName());
        n.put("customer_last_name", o.customerLastName());
        n.put("amount_mismatch", o.amountMismatch());
        n.put("need_cancel_confirm", o.needCancelConfirm());
        n.put("is_cancel_pending", o.cancelPending());
        ArrayNode items = n.putArray("items");
        for (SandboxItemView i : o.items()) {
            ObjectNode item = items.addObject();
            item.put("order_item_id", i.orderItemId());
            item.put("status", i.status());
            item.put("sku", i.sku());
            item.put("shop_sku", i.shopSku());
            item.put("name", i.name());
            item.put("variation", i.variation());
            item.put("item_price", i.itemPrice().toPlainString());
            item.put("paid_price", i.paidPrice().toPlainString());
            item.put("voucher_amount", i.voucherAmount().toPlainString());
            item.put("voucher_seller", i.voucherSeller().toPlainString());
            item.put("voucher_platform", i.voucherPlatform().toPlainString());
            item.put("shipping_amount", i.shippingAmount().toPlainString());
            item.put("tax_amount", i.taxAmount().toPlainString());
            item.put("updated_at", i.updatedAt().toString());
            item.put("payment_time", i.paymentTime() == null ? null : i.paymentTime().toString());
            item.put("cancel_return_initiator", i.cancelReturnInitiator());
            item.put("reason", i.reason());
            item.put("need_cancel_confirm", i.needCancelConfirm());
            item.put("is_cancel_pending", i.cancelPending());
            item.put("cancel_trigger_time", i.cancelTriggerTime() == null ? null : i.cancelTriggerTime().toString());
            item.put("package_id", i.packageId());
            item.put("shipment_provider", i.shipmentProvider());
            item.put("tracking_code", i.trackingCode());
            item.put("reverse_order_id", i.reverseOrderId());
            item.put("reverse_request_type", i.reverseRequestType());
            item.put("return_status", i.returnStatus());
        }
        return n;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("not an ISO-8601 time: " + text);
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode n, String field) {
        String value = text(n, field);
        if (value == null || value.isBlank()) throw new IllegalArgumentException("missing \"" + field + "\"");
        return value;
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        JsonNode value = n.get(field);
        if (value == null || value.isNull()) return null;
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not a number: " + value.asText());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private ObjectNode problem(String message) {
        return mapper.createObjectNode().put("error", message);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
