package io.lazadapos.lazada;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tolerant reading of Lazada's JSON values: ids and amounts come as strings or numbers,
 * dates in several forms. Anything that cannot be read is a {@link MalformedLazadaValue},
 * never a silent default.
 */
public final class LazadaFields {

    private static final DateTimeFormatter SPACE_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS] xx");
    private static final DateTimeFormatter SPACE_OFFSET_COLON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS] xxx");
    private static final DateTimeFormatter SPACE_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private LazadaFields() {
    }

    /** Raised when a value is present but has a form Lazada does not use. */
    public static final class MalformedLazadaValue extends RuntimeException {
        public MalformedLazadaValue(String field, String value, String expected) {
            super("field '" + field + "' has " + abbreviate(value) + ", expected " + expected);
        }

        private static String abbreviate(String v) {
            return v == null ? "null" : v.length() > 60 ? "'" + v.substring(0, 60) + "...'" : "'" + v + "'";
        }
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank());
    }

    /** A text or number as text (ids: "123", 123). Null when absent. */
    public static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText().trim();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        throw new MalformedLazadaValue(field, node.toString(), "a text or a number");
    }

    /** Like {@link #text} but the field must be there. */
    public static String requiredText(JsonNode parent, String field) {
        String value = text(parent, field);
        if (value == null) {
            throw new MalformedLazadaValue(field, null, "a value");
        }
        return value;
    }

    /** A decimal amount from "150000.00", "150000", 150000 or 150000.5. Null when absent. */
    public static BigDecimal decimal(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (node.isNumber()) {
            // Floating-point nodes are read as BigDecimal by LazadaJson's mapper; this keeps their digits.
            return node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.asText());
        }
        if (node.isTextual()) {
            String t = node.asText().trim().replace(",", "");
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new MalformedLazadaValue(field, node.asText(), "a decimal number");
            }
        }
        throw new MalformedLazadaValue(field, node.toString(), "a decimal number");
    }

    public static BigDecimal decimalOrZero(JsonNode parent, String field) {
        BigDecimal d = decimal(parent, field);
        return d == null ? BigDecimal.ZERO : d;
    }

    /** true/false, "true"/"false", 1/0, "1"/"0". False when absent. */
    public static boolean flag(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String t = node.asText().trim().toLowerCase();
        switch (t) {
            case "true": case "1": case "yes": return true;
            case "false": case "0": case "no": return false;
            default: throw new MalformedLazadaValue(field, node.isValueNode() ? node.asText() : node.toString(), "a boolean");
        }
    }

    public static long integer(JsonNode parent, String field, long whenAbsent) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return whenAbsent;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        try {
            return Long.parseLong(node.asText().trim());
        } catch (NumberFormatException e) {
            throw new MalformedLazadaValue(field, node.isValueNode() ? node.asText() : node.toString(), "a whole number");
        }
    }

    /** A date-time field in any form Lazada uses; a value without offset is in the seller's zone. */
    public static Instant instant(JsonNode parent, String field, ZoneOffset sellerOffset) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (node.isNumber()) {
            return epoch(node.longValue());
        }
        if (!node.isTextual()) {
            throw new MalformedLazadaValue(field, node.toString(), "a date-time");
        }
        try {
            return parseInstant(node.asText(), sellerOffset);
        } catch (DateTimeParseException e) {
            throw new MalformedLazadaValue(field, node.asText(), "a date-time");
        }
    }

    /** Epoch milliseconds, or seconds for values too small to be milliseconds (push status_update_time). */
    public static Instant epoch(long value) {
        return value < 100_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
    }

    /**
     * Parses {@code 2026-11-30T22:44:30+07:00}, {@code 2026-11-30 22:44:30 +0700},
     * {@code 2026-11-30 22:44:30 +07:00}, {@code 2026-11-30 22:44:30}, {@code 2026-11-30T22:44:30}
     * and epoch milliseconds given as text.
     */
    public static Instant parseInstant(String raw, ZoneOffset sellerOffset) {
        String s = raw.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return epoch(Long.parseLong(s));
        }
        Instant usual = usualForm(s);
        if (usual != null) {
            return usual;
        }
        if (s.length() > 10 && s.charAt(10) == 'T') {
            if (hasOffset(s)) {
                return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(sellerOffset);
        }
        if (s.endsWith("Z")) {
            return OffsetDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        int lastSpace = s.lastIndexOf(' ');
        if (lastSpace > 10 && (s.charAt(lastSpace + 1) == '+' || s.charAt(lastSpace + 1) == '-')) {
            String offset = s.substring(lastSpace + 1);
            return OffsetDateTime.parse(s, offset.contains(":") ? SPACE_OFFSET_COLON : SPACE_OFFSET).toInstant();
        }
        return LocalDateTime.parse(s, SPACE_LOCAL).toInstant(sellerOffset);
    }

    /**
     * The two forms of every order and item date, {@code 2026-11-30 22:44:30 +0700} and
     * {@code 2026-11-30T22:44:30+07:00}, read digit by digit: a poll reads several per order, and
     * the formatter was a tenth of the page reading's time. Null for anything else, or for a value
     * out of range (the formatter then reads or rejects it).
     */
    private static Instant usualForm(String s) {
        if (s.length() != 25 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        // Where the offset's sign is, and where its minutes start: +0700 after a space, or +07:00.
        int signAt;
        int minutesAt;
        if (s.charAt(10) == ' ' && s.charAt(19) == ' ') {
            signAt = 20;
            minutesAt = 23;
        } else if (s.charAt(10) == 'T' && s.charAt(22) == ':') {
            signAt = 19;
            minutesAt = 23;
        } else {
            return null;
        }
        char sign = s.charAt(signAt);
        if (sign != '+' && sign != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int offsetHours = digits(s, signAt + 1, 2);
        int offsetMinutes = digits(s, minutesAt, 2);
        if ((year | month | day | hour | minute | second | offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59) {
            return null;
        }
        int direction = sign == '-' ? -1 : 1;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second)
                    .toInstant(ZoneOffset.ofHoursMinutes(direction * offsetHours, direction * offsetMinutes));
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        }
    }

    /** The number written by {@code length} digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean hasOffset(String isoLike) {
        String time = isoLike.substring(11);
        return time.endsWith("Z") || time.contains("+") || time.contains("-");
    }

    /** The request form Lazada expects: {@code 2026-11-30T08:00:00+07:00}. */
    public static String requestDate(Instant instant, ZoneOffset sellerOffset) {
        return instant.atOffset(sellerOffset).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
