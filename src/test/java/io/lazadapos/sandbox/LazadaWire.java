package io.lazadapos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Tolerant reading of what the sandbox answers, as a client must read Lazada: strings or numbers, two date forms. */
final class LazadaWire {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    private LazadaWire() {
    }

    static Instant date(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text, SPACED).toInstant();
        }
    }

    static Instant date(JsonNode node) {
        return date(node.asText());
    }

    static BigDecimal money(JsonNode node) {
        return new BigDecimal(node.asText());
    }

    static String id(JsonNode node) {
        return node.isNumber() ? node.bigIntegerValue().toString() : node.asText();
    }
}
