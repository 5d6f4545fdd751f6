package io.lazadapos.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Push bodies exactly as Lazada writes them: {@code {seller_id, message_type, data{...}, timestamp,
 * site}} in that order, ids as strings, {@code status_update_time} in epoch seconds, {@code timestamp}
 * in epoch milliseconds, compact JSON.
 */
final class PushMessages {

    static final int TRADE_ORDER = 0;
    static final int REVERSE_ORDER = 10;

    private static final JsonFactory JSON = new JsonFactory();

    private PushMessages() {
    }

    /** Type 0: one item's status changed. */
    static String tradeOrder(String sellerId, String orderStatus, String tradeOrderId, String tradeOrderLineId,
                             long statusUpdateTime, long timestamp, String site) {
        return write(sellerId, TRADE_ORDER, timestamp, site, g -> {
            g.writeStringField("order_status", orderStatus);
            g.writeStringField("trade_order_id", tradeOrderId);
            g.writeStringField("trade_order_line_id", tradeOrderLineId);
            g.writeNumberField("status_update_time", statusUpdateTime);
        });
    }

    /** Type 10: one reverse order line's status changed. */
    static String reverseOrder(String sellerId, String reverseOrderId, String reverseOrderLineId, String reverseStatus,
                               String tradeOrderId, String tradeOrderLineId, long statusUpdateTime, long timestamp, String site) {
        return write(sellerId, REVERSE_ORDER, timestamp, site, g -> {
            g.writeStringField("reverse_order_id", reverseOrderId);
            g.writeStringField("reverse_order_line_id", reverseOrderLineId);
            g.writeStringField("reverse_status", reverseStatus);
            g.writeStringField("trade_order_id", tradeOrderId);
            g.writeStringField("trade_order_line_id", tradeOrderLineId);
            g.writeNumberField("status_update_time", statusUpdateTime);
        });
    }

    /** "lazada_id", "lazada_vn", ... */
    static String site(String country) {
        return "lazada_" + SellerCountry.of(country).lowerCode;
    }

    private interface DataWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(String sellerId, int messageType, long timestamp, String site, DataWriter data) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("seller_id", sellerId);
            g.writeNumberField("message_type", messageType);
            g.writeObjectFieldStart("data");
            data.write(g);
            g.writeEndObject();
            g.writeNumberField("timestamp", timestamp);
            g.writeStringField("site", site);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
