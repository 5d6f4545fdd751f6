package io.lazadapos.lazada;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.lazadapos.money.FeeKind;
import io.lazadapos.money.FeeTransaction;
import io.lazadapos.money.FinanceAmount;
import io.lazadapos.money.PayoutStatement;

import static io.lazadapos.lazada.LazadaFields.text;

/**
 * Lazada's finance APIs: the fee transactions of a window of days
 * ({@code /finance/transaction/details/get}) and the payout statements
 * ({@code /finance/payout/status/get}). Rows that cannot be read are handed back, not dropped.
 */
public final class LazadaFinance {

    public static final String TRANSACTIONS_API = "/finance/transaction/details/get";
    public static final String PAYOUTS_API = "/finance/payout/status/get";
    /** Lazada refuses a transaction window of 180 days or more. */
    public static final int MAX_WINDOW_DAYS = 179;
    public static final int MAX_LIMIT = 500;

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** A page of transactions, the rows that could not be read, and how many rows came. */
    public record TransactionPage(List<FeeTransaction> transactions, List<LazadaOrderReader.RejectedRow> rejected, int rows) {
    }

    /** The statements, and the rows that could not be read. */
    public record Statements(List<PayoutStatement> statements, List<LazadaOrderReader.RejectedRow> rejected) {
    }

    private final LazadaOrders.Gateway gateway;
    private final Function<String, LazadaCountry> countryOfSeller;

    public LazadaFinance(LazadaOrders.Gateway gateway, Function<String, LazadaCountry> countryOfSeller) {
        this.gateway = gateway;
        this.countryOfSeller = countryOfSeller;
    }

    /** Transactions posted from {@code start} to {@code end} (seller's local days, both included). */
    public TransactionPage transactions(String sellerId, LocalDate start, LocalDate end, int offset, int limit) {
        if (end.isBefore(start) || start.plusDays(MAX_WINDOW_DAYS).isBefore(end)) {
            throw new IllegalArgumentException("a transaction window is 1 to " + (MAX_WINDOW_DAYS + 1) + " days: " + start + " to " + end);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("start_time", start.toString());
        p.put("end_time", end.toString());
        p.put("offset", Integer.toString(offset));
        p.put("limit", Integer.toString(Math.max(1, Math.min(MAX_LIMIT, limit))));
        JsonNode root = gateway.call(LazadaRequest.of(sellerId, TRANSACTIONS_API, p));
        try {
            return readTransactions(sellerId, root, countryOfSeller.apply(sellerId));
        } catch (LazadaFields.MalformedLazadaValue e) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, TRANSACTIONS_API, null, e.getMessage(), null, e);
        }
    }

    /** The statements created on or after {@code createdAfter} (seller's local day). */
    public Statements statements(String sellerId, LocalDate createdAfter) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("created_after", createdAfter.toString());
        JsonNode root = gateway.call(LazadaRequest.of(sellerId, PAYOUTS_API, p));
        try {
            return readStatements(sellerId, root, countryOfSeller.apply(sellerId));
        } catch (LazadaFields.MalformedLazadaValue e) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, PAYOUTS_API, null, e.getMessage(), null, e);
        }
    }

    static TransactionPage readTransactions(String sellerId, JsonNode root, LazadaCountry country) {
        JsonNode data = dataArray(root);
        List<FeeTransaction> out = new ArrayList<>();
        List<LazadaOrderReader.RejectedRow> rejected = new ArrayList<>();
        int rows = 0;
        for (JsonNode row : data) {
            rows++;
            try {
                out.add(transaction(sellerId, row, country));
            } catch (LazadaFields.MalformedLazadaValue e) {
                String orderId = row.isObject() ? text(row, "order_no") : null;
                rejected.add(new LazadaOrderReader.RejectedRow(orderId, row.toString(), e.getMessage()));
            }
        }
        return new TransactionPage(out, rejected, rows);
    }

    static Statements readStatements(String sellerId, JsonNode root, LazadaCountry country) {
        JsonNode data = dataArray(root);
        List<PayoutStatement> out = new ArrayList<>();
        List<LazadaOrderReader.RejectedRow> rejected = new ArrayList<>();
        for (JsonNode row : data) {
            try {
                out.add(statement(sellerId, row, country));
            } catch (LazadaFields.MalformedLazadaValue e) {
                rejected.add(new LazadaOrderReader.RejectedRow(null, row.toString(), e.getMessage()));
            }
        }
        return new Statements(out, rejected);
    }

    /** Both APIs answer {@code {"code":"0","data":[...]}}; a missing or non-array data is a malformed reply. */
    private static JsonNode dataArray(JsonNode root) {
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new LazadaFields.MalformedLazadaValue("data", data == null ? null : data.toString(), "an array");
        }
        return data;
    }

    private static FeeTransaction transaction(String sellerId, JsonNode n, LazadaCountry country) {
        if (!n.isObject()) {
            throw new LazadaFields.MalformedLazadaValue("transaction", n.toString(), "an object");
        }
        String number = LazadaFields.requiredText(n, "transaction_number");
        String feeType = text(n, "fee_type");
        String feeName = text(n, "fee_name");
        if (feeType == null && feeName == null) {
            throw new LazadaFields.MalformedLazadaValue("fee_name", null, "a fee name or a fee_type");
        }
        BigDecimal amount = FinanceAmount.read(n, "amount", country);
        if (amount == null) {
            throw new LazadaFields.MalformedLazadaValue("amount", null, "an amount");
        }
        Instant date = date(n, "transaction_date", country);
        if (date == null) {
            throw new LazadaFields.MalformedLazadaValue("transaction_date", null, "a date");
        }
        String orderId = text(n, "order_no");
        if (orderId != null && !orderId.chars().allMatch(Character::isDigit)) {
            throw new LazadaFields.MalformedLazadaValue("order_no", orderId, "an order number");
        }
        return new FeeTransaction(sellerId, number, orderId, text(n, "orderItem_no"), feeType,
                feeName == null ? "fee type " + feeType : feeName, FeeKind.of(feeType, feeName, text(n, "transaction_type")),
                amount, FinanceAmount.readOrZero(n, "VAT_in_amount", country), FinanceAmount.readOrZero(n, "WHT_amount", country),
                text(n, "statement"), date);
    }

    private static PayoutStatement statement(String sellerId, JsonNode n, LazadaCountry country) {
        if (!n.isObject()) {
            throw new LazadaFields.MalformedLazadaValue("statement", n.toString(), "an object");
        }
        String number = LazadaFields.requiredText(n, "statement_number");
        BigDecimal opening = FinanceAmount.readOrZero(n, "opening_balance", country);
        BigDecimal revenue = FinanceAmount.readOrZero(n, "item_revenue", country);
        BigDecimal fees = FinanceAmount.readOrZero(n, "fees_total", country);
        BigDecimal refunds = FinanceAmount.readOrZero(n, "refunds", country);
        BigDecimal closing = FinanceAmount.read(n, "closing_balance", country);
        if (closing == null) {
            // Without a closing balance the statement's own figures are all there is to check against.
            closing = opening.add(revenue).add(fees).add(refunds);
        }
        BigDecimal payout = FinanceAmount.readOrZero(n, "payout", country);
        return new PayoutStatement(sellerId, number, opening, revenue, fees, refunds, closing, payout,
                LazadaFields.flag(n, "paid"), date(n, "created_at", country), date(n, "updated_at", country));
    }

    /** Finance dates come as "2026-11-30 14:05:00" (seller's time), "2026-11-30", or "30 Nov 2026". */
    static Instant date(JsonNode n, String field, LazadaCountry country) {
        String raw = text(n, field);
        if (raw == null) {
            return null;
        }
        try {
            if (raw.length() == 10 && raw.charAt(4) == '-') {
                return LocalDate.parse(raw).atStartOfDay().toInstant(country.offset());
            }
            if (!raw.isEmpty() && Character.isDigit(raw.charAt(0)) && raw.length() <= 11 && raw.chars().anyMatch(Character::isLetter)) {
                return LocalDate.parse(raw, DAY_MONTH_YEAR).atStartOfDay().toInstant(country.offset());
            }
            return LazadaFields.parseInstant(raw, country.offset());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new LazadaFields.MalformedLazadaValue(field, raw, "a date");
        }
    }
}
