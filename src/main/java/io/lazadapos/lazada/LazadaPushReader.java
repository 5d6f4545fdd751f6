package io.lazadapos.lazada;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads a push body: {@code {seller_id, message_type, data{...}, timestamp, site}}. Ids may come
 * as strings or numbers. A body that is not such an object, or a trade-order or reverse-order
 * push without its order, is a {@link MalformedPush}; an unknown type is read, not rejected.
 */
public final class LazadaPushReader {

    /** A push whose body cannot be acted on; the message says why, without the body. */
    public static final class MalformedPush extends IllegalArgumentException {
        public MalformedPush(String message) {
            super(message);
        }
    }

    private static final ObjectReader JSON = LazadaJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int MAX_ID_LENGTH = 64;

    private final ZoneOffset sellerOffset;

    public LazadaPushReader(ZoneOffset sellerOffset) {
        this.sellerOffset = sellerOffset;
    }

    public LazadaPush read(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new MalformedPush("empty body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            // Only where it broke: the parser's message quotes the body, which may hold personal data.
            JsonLocation at = e.getLocation();
            throw new MalformedPush("body is not JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new MalformedPush("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPush("body is not a JSON object");
        }
        String rawBody = new String(raw, StandardCharsets.UTF_8);
        try {
            return read(root, rawBody);
        } catch (LazadaFields.MalformedLazadaValue e) {
            throw new MalformedPush(e.getMessage());
        }
    }

    private LazadaPush read(JsonNode root, String rawBody) {
        if (LazadaFields.text(root, "message_type") == null) {
            throw new MalformedPush("no message_type");
        }
        long type = LazadaFields.integer(root, "message_type", -1);
        if (type < Integer.MIN_VALUE || type > Integer.MAX_VALUE) {
            throw new MalformedPush("message_type " + type + " is out of range");
        }
        JsonNode data = root.path("data");
        String sellerId = LazadaFields.text(root, "seller_id");
        LazadaPush.Kind kind = LazadaPush.Kind.of((int) type);
        switch (kind) {
            case TRADE_ORDER -> {
                requireObject(data, type);
                return new LazadaPush((int) type, requireSeller(sellerId, type), requireOrder(data, type), null,
                        LazadaFields.text(data, "order_status"), null, rawBody);
            }
            case REVERSE_ORDER -> {
                requireObject(data, type);
                return new LazadaPush((int) type, requireSeller(sellerId, type), requireOrder(data, type),
                        LazadaFields.text(data, "reverse_order_id"), LazadaFields.text(data, "reverse_status"), null, rawBody);
            }
            case TOKEN_EXPIRING -> {
                String seller = sellerId != null ? sellerId : data.isObject() ? LazadaFields.text(data, "seller_id") : null;
                Instant expiry = data.isObject() ? expiry(data) : null;
                return new LazadaPush((int) type, requireSeller(seller, type), null, null, null, expiry, rawBody);
            }
            default -> {
                // Kept only for an operator: an over-long seller id is cut rather than refused.
                String seller = sellerId == null || sellerId.length() <= MAX_ID_LENGTH ? sellerId : sellerId.substring(0, MAX_ID_LENGTH);
                return new LazadaPush((int) type, seller, null, null, null, null, rawBody);
            }
        }
    }

    /** Epoch seconds or milliseconds, or a date-time; a form nobody expects is left out, not fatal. */
    private Instant expiry(JsonNode data) {
        try {
            return LazadaFields.instant(data, "auth_expiry_time", sellerOffset);
        } catch (LazadaFields.MalformedLazadaValue e) {
            return null;
        }
    }

    private static void requireObject(JsonNode data, long type) {
        if (!data.isObject()) {
            throw new MalformedPush("message_type " + type + " without a data object");
        }
    }

    private static String requireSeller(String sellerId, long type) {
        if (sellerId == null) {
            throw new MalformedPush("message_type " + type + " without seller_id");
        }
        return requireIdLength("seller_id", sellerId);
    }

    private static String requireOrder(JsonNode data, long type) {
        String orderId = LazadaFields.text(data, "trade_order_id");
        if (orderId == null) {
            throw new MalformedPush("message_type " + type + " without data.trade_order_id");
        }
        return requireIdLength("data.trade_order_id", orderId);
    }

    /** Ids key the ledger (64 characters); Lazada's are 15 digits. */
    private static String requireIdLength(String field, String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw new MalformedPush(field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }

}
