package io.lazadapos.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.lazada.LazadaFields.MalformedLazadaValue;

/**
 * Money in Lazada's finance replies: a JSON number or a string ("-1250", "1,250", "99303.00 VND").
 * As in the reverse-order API the figures are minor units (cents) except in Vietnam; a currency
 * text must be the seller's own. The result has two decimals, never rounded: a value with a
 * fraction of a cent is malformed.
 */
public final class FinanceAmount {

    private FinanceAmount() {
    }

    /** The amount of {@code field}; null when absent. */
    public static BigDecimal read(JsonNode parent, String field, LazadaCountry country) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank())) {
            return null;
        }
        BigDecimal figure;
        if (node.isNumber()) {
            figure = node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.asText());
        } else if (node.isTextual()) {
            figure = parseText(field, node.asText(), country);
        } else {
            throw new MalformedLazadaValue(field, node.toString(), "an amount");
        }
        BigDecimal major = country.usesMinorUnits() ? figure.movePointLeft(2) : figure;
        try {
            return major.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new MalformedLazadaValue(field, node.asText(), "an amount in whole " + (country.usesMinorUnits() ? "cents" : "units"));
        }
    }

    /** Like {@link #read}, zero when absent (VAT and withholding tax are often left out). */
    public static BigDecimal readOrZero(JsonNode parent, String field, LazadaCountry country) {
        BigDecimal amount = read(parent, field, country);
        return amount == null ? BigDecimal.ZERO.setScale(2) : amount;
    }

    private static BigDecimal parseText(String field, String raw, LazadaCountry country) {
        String t = raw.trim();
        int space = t.lastIndexOf(' ');
        if (space > 0) {
            String unit = t.substring(space + 1).toUpperCase(Locale.ROOT);
            if (unit.chars().allMatch(Character::isLetter)) {
                if (!unit.equals(country.currency())) {
                    throw new MalformedLazadaValue(field, raw, "an amount in " + country.currency());
                }
                t = t.substring(0, space).trim();
            }
        } else if (t.length() > 3 && t.substring(t.length() - 3).chars().allMatch(Character::isLetter)) {
            String unit = t.substring(t.length() - 3).toUpperCase(Locale.ROOT);
            if (!unit.equals(country.currency())) {
                throw new MalformedLazadaValue(field, raw, "an amount in " + country.currency());
            }
            t = t.substring(0, t.length() - 3).trim();
        }
        try {
            return new BigDecimal(t.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new MalformedLazadaValue(field, raw, "an amount");
        }
    }
}
