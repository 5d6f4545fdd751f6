package io.lazadapos.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lazada's Open Platform under {@code /rest}: checks the common parameters and the signature like the
 * real gateway, then answers the order, return, finance and token APIs in Lazada's envelopes. Every error is
 * HTTP 200 with a non-"0" code, as on the real platform.
 */
final class LazadaApi implements HttpHandler {

    static final String CONTEXT = "/rest";
    static final int MAX_ORDER_IDS = 50;

    private static final Logger log = LoggerFactory.getLogger(LazadaApi.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final long TIMESTAMP_WINDOW_MS = 7_200_000;
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_REVERSE_PAGE_SIZE = 100;
    /** Lazada refuses a transaction window whose end is 180 days or more after its start. */
    private static final int MAX_TRANSACTION_WINDOW_DAYS = 180;
    private static final int DEFAULT_TRANSACTION_LIMIT = 100;
    private static final int MAX_TRANSACTION_LIMIT = 500;
    private static final Pattern ORDER_ID_LIST = Pattern.compile("\\[\\s*\\d{1,18}(\\s*,\\s*\\d{1,18})*\\s*]");

    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    @FunctionalInterface
    private interface Api {
        byte[] answer(Map<String, String> params, Seller seller, String requestId);
    }

    private record Route(boolean sellerApi, Api api) {
    }

    private final SandboxSettings settings;
    private final Marketplace market;
    private final LazadaJson render;
    private final ApiCallLog calls;
    private final ApiFaults faults;
    /** The timestamp window is checked against real time, as Lazada does, whatever the sandbox clock says. */
    private final Clock realClock = Clock.systemUTC();
    private final AtomicLong requestCounter = new AtomicLong();
    private final int requestIdPrefix;
    private final Map<String, Route> routes;

    LazadaApi(SandboxSettings settings, Marketplace market, ApiCallLog calls, ApiFaults faults) {
        this.settings = settings;
        this.market = market;
        this.render = new LazadaJson(market.details());
        this.calls = calls;
        this.faults = faults;
        this.requestIdPrefix = (int) OrderGenerator.mix(settings.seed(), 99);
        this.routes = Map.of(
                "/orders/get", new Route(true, this::getOrders),
                "/order/get", new Route(true, this::getOrder),
                "/order/items/get", new Route(true, this::getOrderItems),
                "/orders/items/get", new Route(true, this::getMultipleOrderItems),
                "/reverse/getreverseordersforseller", new Route(true, this::getReverseOrders),
                "/finance/transaction/details/get", new Route(true, this::getTransactions),
                "/finance/payout/status/get", new Route(true, this::getPayoutStatements),
                "/auth/token/refresh", new Route(false, this::refreshToken));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String apiPath = path.length() > CONTEXT.length() ? path.substring(CONTEXT.length()) : "/";
            calls.count(apiPath, signedAt(exchange.getRequestURI().getRawQuery()));
            String requestId = nextRequestId();
            String expiring = faults.tokenToExpire();
            if (expiring != null) {
                market.expireAccessToken(expiring);
                log.info("Sandbox let the access token of seller {} lapse", expiring);
            }
            String fault = faults.take(apiPath);
            if (fault != null && fault.startsWith("http:")) {
                int status = Integer.parseInt(fault.substring(5));
                send(exchange, status, "text/html;charset=UTF-8",
                        ("<html><body><h1>" + status + "</h1></body></html>").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if ("timeout".equals(fault)) {
                // A slow answer: the client has given up by the time it comes.
                sleep(faults.mix().slowReply().toMillis());
            }
            byte[] body;
            try {
                if (fault != null && !ANSWER_FAULTS.contains(fault)) throw FaultPlan.error(fault);
                Route route = routes.get(apiPath);
                if (route == null) throw ApiError.invalidApiPath();
                Map<String, String> params = params(exchange);
                verifySignature(apiPath, params);
                Seller seller = null;
                if (route.sellerApi()) {
                    seller = market.sellerForAccessToken(params.get("access_token"));
                    if (seller == null) throw ApiError.illegalAccessToken();
                }
                body = route.api().answer(params, seller, requestId);
                if ("truncated".equals(fault)) body = faults.truncate(body);
                else if ("wrong-types".equals(fault)) body = faults.mistype(body);
                else if ("bad-row".equals(fault)) body = faults.spoilOneRow(body);
                else if ("absurd".equals(fault)) body = faults.absurd(body);
                else if ("huge-page".equals(fault)) body = faults.hugePage(body);
            } catch (ApiError e) {
                body = error(e, requestId);
            } catch (RuntimeException e) {
                log.error("Sandbox failed to answer {}", apiPath, e);
                body = error(ApiError.internal(), requestId);
            }
            try {
                send(exchange, 200, "application/json;charset=UTF-8", body);
            } catch (IOException gone) {
                if (!"timeout".equals(fault)) throw gone;
                // The client hung up on the slow answer, as it should.
            }
        } finally {
            exchange.close();
        }
    }

    /** Faults that change a real answer rather than replace it. */
    private static final Set<String> ANSWER_FAULTS = Set.of("timeout", "truncated", "wrong-types", "bad-row", "absurd", "huge-page");

    /** The signed {@code timestamp} of a call (epoch ms), or -1: what the client says it sent when. */
    private static long signedAt(String rawQuery) {
        if (rawQuery == null) return -1;
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("timestamp=")) {
                try {
                    return Long.parseLong(pair.substring("timestamp=".length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- common parameters

    /** Query string and form body merged; values URL-decoded, which is what the signature covers. */
    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        decodeInto(exchange.getRequestURI().getRawQuery(), params);
        if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body = readBody(exchange.getRequestBody());
            if (body.length > 0 && (type == null || type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
                decodeInto(new String(body, StandardCharsets.UTF_8), params);
            }
        }
        return params;
    }

    private static void decodeInto(String raw, Map<String, String> params) {
        if (raw == null || raw.isEmpty()) return;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // Malformed %-escapes: the signed text cannot be recovered, so the signature cannot match.
                throw ApiError.incompleteSignature();
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) throw new ApiError("ISV", "InvalidParameter", "The request body is too large");
        return body;
    }

    private void verifySignature(String apiPath, Map<String, String> params) {
        if (!settings.appKey().equals(params.get("app_key"))) throw ApiError.incompleteSignature();
        if (!"sha256".equals(params.get("sign_method"))) throw ApiError.incompleteSignature();
        long timestamp;
        try {
            timestamp = Long.parseLong(params.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            throw ApiError.incompleteSignature();
        }
        if (Math.abs(realClock.millis() - timestamp) > TIMESTAMP_WINDOW_MS) throw ApiError.incompleteSignature();
        if (!RequestSignature.verify(apiPath, params, settings.appSecret())) throw ApiError.incompleteSignature();
    }

    // ---------------------------------------------------------------- orders

    private byte[] getOrders(Map<String, String> p, Seller seller, String requestId) {
        if (blank(p.get("created_after")) && blank(p.get("update_after"))) throw ApiError.missingParameter("created_after");
        long createdAfter = date(p, "created_after", Long.MIN_VALUE);
        long createdBefore = date(p, "created_before", Long.MAX_VALUE);
        long updateAfter = date(p, "update_after", Long.MIN_VALUE);
        long updateBefore = date(p, "update_before", Long.MAX_VALUE);
        String rawLimit = p.get("limit");
        int limit = blank(rawLimit) ? settings.maxPageSize() : integer(rawLimit, -1);
        if (limit < 1 || limit > settings.maxPageSize()) throw ApiError.numbered(19, "\"" + rawLimit + "\" Invalid Limit");
        String rawOffset = p.get("offset");
        int offset = blank(rawOffset) ? 0 : integer(rawOffset, -1);
        if (offset < 0 || offset > settings.offsetCap()) throw ApiError.numbered(14, "\"" + rawOffset + "\" Invalid Offset");
        String sortBy = blank(p.get("sort_by")) ? "created_at" : p.get("sort_by");
        if (!sortBy.equals("created_at") && !sortBy.equals("updated_at")) throw ApiError.numbered(75, "Invalid sort filter.");
        String direction = blank(p.get("sort_direction")) ? "DESC" : p.get("sort_direction").toUpperCase(Locale.ROOT);
        if (!direction.equals("ASC") && !direction.equals("DESC")) throw ApiError.numbered(74, "Invalid sort direction.");
        String status = p.get("status");
        if (blank(status) || status.equals("all")) status = null;
        else if (!market.isFilterableStatus(status)) throw ApiError.numbered(36, "Invalid status filter");
        OrderBook.Query query = new OrderBook.Query(createdAfter, createdBefore, updateAfter, updateBefore, status,
                sortBy.equals("updated_at"), direction.equals("ASC"), offset, limit);
        return market.read(() -> {
            OrderBook.Page page = seller.orders.query(query);
            return data(requestId, g -> {
                g.writeStartObject();
                g.writeNumberField("count", page.orders().size());
                g.writeNumberField("countTotal", page.countTotal());
                g.writeArrayFieldStart("orders");
                for (SandboxOrder order : page.orders()) render.order(g, order, true);
                g.writeEndArray();
                g.writeEndObject();
            });
        });
    }

    private byte[] getOrder(Map<String, String> p, Seller seller, String requestId) {
        long orderId = orderId(required(p, "order_id"));
        return market.read(() -> {
            SandboxOrder order = ownOrder(seller, orderId);
            return data(requestId, g -> render.order(g, order, false));
        });
    }

    private byte[] getOrderItems(Map<String, String> p, Seller seller, String requestId) {
        long orderId = orderId(required(p, "order_id"));
        return market.read(() -> {
            SandboxOrder order = ownOrder(seller, orderId);
            return data(requestId, g -> {
                g.writeStartArray();
                for (SandboxItem item : order.items) render.item(g, order, item);
                g.writeEndArray();
            });
        });
    }

    private byte[] getMultipleOrderItems(Map<String, String> p, Seller seller, String requestId) {
        String raw = required(p, "order_ids").trim();
        if (!ORDER_ID_LIST.matcher(raw).matches()) throw ApiError.numbered(56, "Invalid OrdersIdList format. Must use array format [1,2]");
        String[] parts = raw.substring(1, raw.length() - 1).split(",");
        if (parts.length > MAX_ORDER_IDS) throw ApiError.numbered(38, "Too many orders were requested");
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : parts) ids.add(Long.parseLong(part.trim()));
        return market.read(() -> {
            List<SandboxOrder> orders = new ArrayList<>(ids.size());
            for (long id : ids) {
                SandboxOrder order = market.order(seller, id);
                if (order == null) throw ApiError.numbered(37, "One or more order id in the list are incorrect");
                orders.add(order);
            }
            return data(requestId, g -> {
                g.writeStartArray();
                for (SandboxOrder order : orders) {
                    boolean asStrings = order.has(SandboxOrder.IDS_AS_STRINGS);
                    g.writeStartObject();
                    if (asStrings) g.writeStringField("order_id", Long.toString(order.orderId));
                    else g.writeNumberField("order_id", order.orderId);
                    if (asStrings) g.writeStringField("order_number", Long.toString(order.orderNumber));
                    else g.writeNumberField("order_number", order.orderNumber);
                    g.writeArrayFieldStart("order_items");
                    for (SandboxItem item : order.items) render.item(g, order, item);
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    private SandboxOrder ownOrder(Seller seller, long orderId) {
        SandboxOrder order = market.order(seller, orderId);
        if (order == null) throw ApiError.numbered(16, "\"" + orderId + "\" Invalid Order ID");
        return order;
    }

    private static long orderId(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.numbered(16, "\"" + raw + "\" Invalid Order ID");
        }
    }

    /** ISO-8601 with an offset, e.g. 2026-11-30T08:00:00+07:00, as epoch milliseconds. */
    private static long date(Map<String, String> p, String name, long absent) {
        String raw = p.get(name);
        if (blank(raw)) return absent;
        try {
            return OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.numbered(17, "\"" + raw + "\" Invalid Date Format");
        }
    }

    // ---------------------------------------------------------------- returns

    private byte[] getReverseOrders(Map<String, String> p, Seller seller, String requestId) {
        String rawSize = required(p, "page_size");
        String rawNo = required(p, "page_no");
        int pageSize = integer(rawSize, -1);
        int pageNo = integer(rawNo, -1);
        if (pageSize < 1 || pageSize > MAX_REVERSE_PAGE_SIZE) throw ApiError.invalidParameter("page_size", rawSize);
        if (pageNo < 1) throw ApiError.invalidParameter("page_no", rawNo);
        Set<String> types = list(p.get("request_type_list"));
        Set<String> statuses = list(p.get("reverse_status_list"));
        long tradeOrderId = longParam(p, "trade_order_id");
        long reverseOrderId = longParam(p, "reverse_order_id");
        long modifiedFrom = blank(p.get("ReverseOrderLineModifiedTimeRangeStart")) ? Long.MIN_VALUE : longParam(p, "ReverseOrderLineModifiedTimeRangeStart");
        long modifiedTo = blank(p.get("ReverseOrderLineModifiedTimeRangeEnd")) ? Long.MAX_VALUE : longParam(p, "ReverseOrderLineModifiedTimeRangeEnd");
        return market.read(() -> {
            List<ReverseOrder> matching = new ArrayList<>();
            for (ReverseOrder r : seller.reverseOrders) {
                if (!types.isEmpty() && !types.contains(r.requestType)) continue;
                if (tradeOrderId != 0 && r.order.orderId != tradeOrderId) continue;
                if (reverseOrderId != 0 && r.reverseOrderId != reverseOrderId) continue;
                boolean lineMatches = false;
                for (ReverseOrder.Line line : r.lines) {
                    long modified = line.modifiedAt * 1000;
                    if (modified >= modifiedFrom && modified <= modifiedTo && (statuses.isEmpty() || statuses.contains(line.status))) {
                        lineMatches = true;
                        break;
                    }
                }
                if (lineMatches) matching.add(r);
            }
            long from = (long) (pageNo - 1) * pageSize;
            List<ReverseOrder> page = from >= matching.size() ? List.of()
                    : matching.subList((int) from, (int) Math.min(matching.size(), from + pageSize));
            return json(g -> {
                g.writeStartObject();
                g.writeObjectFieldStart("result");
                g.writeBooleanField("success", true);
                g.writeNumberField("page_no", pageNo);
                g.writeNumberField("page_size", pageSize);
                g.writeNumberField("total", matching.size());
                g.writeArrayFieldStart("items");
                for (ReverseOrder r : page) render.reverseOrder(g, r);
                g.writeEndArray();
                g.writeEndObject();
                g.writeStringField("code", "0");
                g.writeStringField("request_id", requestId);
                g.writeEndObject();
            });
        });
    }

    /** Lazada sends lists as JSON arrays (["RETURN","ONLY_REFUND"]); a plain comma list is taken too. */
    private static Set<String> list(String raw) {
        Set<String> values = new HashSet<>();
        if (blank(raw)) return values;
        for (String part : raw.replace("[", "").replace("]", "").replace("\"", "").split(",")) {
            if (!part.isBlank()) values.add(part.trim());
        }
        return values;
    }

    private static long longParam(Map<String, String> p, String name) {
        String raw = p.get(name);
        if (blank(raw)) return 0;
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter(name, raw);
        }
    }

    // ---------------------------------------------------------------- finance

    private byte[] getTransactions(Map<String, String> p, Seller seller, String requestId) {
        long start = localDate(p, "start_time");
        String rawEnd = required(p, "end_time");
        long end = localDate(p, "end_time");
        if (end < start || end - start >= MAX_TRANSACTION_WINDOW_DAYS) throw ApiError.invalidParameter("end_time", rawEnd);
        // trans_type is accepted and ignored: every type is answered.
        int limit = bounded(p, "limit", DEFAULT_TRANSACTION_LIMIT, 1, MAX_TRANSACTION_LIMIT);
        int offset = bounded(p, "offset", 0, 0, Integer.MAX_VALUE);
        FinanceLedger ledger = market.ledger();
        return market.read(() -> {
            long now = market.nowSeconds();
            List<FinanceLedger.Transaction> page = ledger.transactions(seller, start, end, offset, limit, now);
            return data(requestId, g -> {
                g.writeStartArray();
                for (FinanceLedger.Transaction t : page) {
                    render.transaction(g, t, ledger.vat(t), ledger.statementNumber(t.postedAt()), ledger.paid(t.postedAt(), now));
                }
                g.writeEndArray();
            });
        });
    }

    private byte[] getPayoutStatements(Map<String, String> p, Seller seller, String requestId) {
        long createdAfter = localDate(p, "created_after");
        FinanceLedger ledger = market.ledger();
        return market.read(() -> {
            List<FinanceLedger.Statement> statements = ledger.statements(seller, createdAfter, market.nowSeconds());
            return data(requestId, g -> {
                g.writeStartArray();
                for (FinanceLedger.Statement s : statements) render.statement(g, s);
                g.writeEndArray();
            });
        });
    }

    /** A required "yyyy-MM-dd" (the seller's local date), as an epoch day. */
    private static long localDate(Map<String, String> p, String name) {
        String raw = required(p, name);
        try {
            return LocalDate.parse(raw.trim()).toEpochDay();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter(name, raw);
        }
    }

    /** An optional integer parameter within [min, max]. */
    private static int bounded(Map<String, String> p, String name, int absent, int min, int max) {
        String raw = p.get(name);
        if (blank(raw)) return absent;
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter(name, raw);
        }
        if (value < min || value > max) throw ApiError.invalidParameter(name, raw);
        return value;
    }

    // ---------------------------------------------------------------- tokens

    private byte[] refreshToken(Map<String, String> p, Seller ignored, String requestId) {
        Marketplace.TokenGrant grant = market.refresh(required(p, "refresh_token"));
        if (grant == null) throw ApiError.illegalRefreshToken();
        log.info("Sandbox rotated the tokens of seller {}", grant.seller().sellerId);
        String country = market.country().lowerCode;
        Seller seller = grant.seller();
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("access_token", grant.accessToken());
            g.writeStringField("refresh_token", grant.refreshToken());
            g.writeNumberField("expires_in", grant.expiresIn());
            g.writeNumberField("refresh_expires_in", grant.refreshExpiresIn());
            g.writeStringField("country", country);
            g.writeStringField("account_platform", "seller_center");
            g.writeStringField("account", seller.sellerId + "@sandbox.lazada.local");
            g.writeArrayFieldStart("country_user_info");
            g.writeStartObject();
            g.writeStringField("country", country);
            g.writeStringField("seller_id", seller.sellerId);
            g.writeStringField("user_id", Long.toString(seller.userId));
            g.writeStringField("short_code", seller.shortCode);
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("code", "0");
            g.writeStringField("request_id", requestId);
            g.writeEndObject();
        });
    }

    // ---------------------------------------------------------------- envelopes

    private static byte[] data(String requestId, JsonBody data) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("code", "0");
            g.writeFieldName("data");
            data.write(g);
            g.writeStringField("request_id", requestId);
            g.writeEndObject();
        });
    }

    private static byte[] error(ApiError e, String requestId) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("type", e.type);
            g.writeStringField("code", e.code);
            g.writeStringField("message", e.getMessage());
            g.writeStringField("request_id", requestId);
            g.writeEndObject();
        });
    }

    private static byte[] json(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** 25 characters like Lazada's ("0ba2887315178178017221014"): prefix, time, counter. */
    private String nextRequestId() {
        return String.format("%08x%013d%04d", requestIdPrefix, realClock.millis(), requestCounter.incrementAndGet() % 10_000);
    }

    private static String required(Map<String, String> p, String name) {
        String value = p.get(name);
        if (blank(value)) throw ApiError.missingParameter(name);
        return value;
    }

    private static int integer(String raw, int invalid) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return invalid;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
