package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's finance APIs: fee transactions derived from delivered items, and weekly payout statements. */
class SandboxFinanceTest {

    /** Monday 2026-11-30 08:00 in Jakarta: ISO week 49. */
    private static final Instant START = Instant.parse("2026-11-30T01:00:00Z");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String TRANSACTIONS = "/finance/transaction/details/get";
    private static final String PAYOUTS = "/finance/payout/status/get";

    private final MutableClock clock = new MutableClock(START);
    private LazadaSandbox sandbox;
    private SignedClient client;

    @BeforeEach
    void start() {
        sandbox = LazadaSandbox.start(settings());
        client = new SignedClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void aDeliveredItemPostsItsFeeLinesADayAfterDelivery() {
        String orderId = order("100000.00", "5000.00", "10000.00");
        String itemId = sandbox.order(orderId).items().get(0).orderItemId();
        sandbox.setOrderStatus(orderId, "delivered");
        Instant deliveredAt = clock.instant();

        clock.advance(Duration.ofDays(1).minusSeconds(1));
        assertThat(transactions("2026-11-30", "2026-12-06").path("data")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        JsonNode body = transactions("2026-11-30", "2026-12-06");

        assertThat(body.path("code").asText()).isEqualTo("0");
        assertThat(body.path("request_id").asText()).hasSize(25);
        Map<String, JsonNode> byType = byFeeType(body.path("data"));
        long id = Long.parseLong(itemId);
        boolean flexi = Math.floorMod(OrderGenerator.mix(id, 28), 5L) == 0;
        // ID: minor units are cents; paid 95,000.00, commission 4 % of 100,000.00, payment fee 2 % of 105,000.00.
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("13", 9_500_000L);
        expected.put("8", 1_000_000L);
        expected.put("16", -400_000L);
        expected.put("3", -210_000L);
        expected.put("9", -1_000_000L);
        if (flexi) expected.put("28", -100_000L);
        assertThat(byType.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((type, amount) -> assertThat(minor(byType.get(type).path("amount"))).as(type).isEqualTo(amount));
        // VAT included at 11 %: 400,000 * 11 / 111 = 39,639.6 and 210,000 * 11 / 111 = 20,810.8, half-up.
        assertThat(minor(byType.get("16").path("VAT_in_amount"))).isEqualTo(-39_640);
        assertThat(minor(byType.get("3").path("VAT_in_amount"))).isEqualTo(-20_811);
        assertThat(minor(byType.get("13").path("VAT_in_amount"))).isZero();

        JsonNode credit = byType.get("13");
        assertThat(fieldNames(credit)).containsExactly("order_no", "orderItem_no", "orderItem_status", "transaction_date",
                "transaction_number", "transaction_type", "fee_type", "fee_name", "amount", "VAT_in_amount", "WHT_amount",
                "WHT_included_in_amount", "statement", "paid_status", "lazada_sku", "seller_sku", "reference", "comment", "details");
        assertThat(credit.path("order_no").asText()).isEqualTo(orderId);
        assertThat(credit.path("orderItem_no").asText()).isEqualTo(itemId);
        assertThat(credit.path("orderItem_status").asText()).isEqualTo("delivered");
        assertThat(credit.path("fee_name").asText()).isEqualTo("Item Price Credit");
        assertThat(byType.get("9").path("fee_name").asText()).isEqualTo("Shipping Fee Paid by Seller");
        assertThat(credit.path("transaction_type").asText()).isEqualTo("Orders-Sales");
        assertThat(credit.path("transaction_number").asText()).isEqualTo(Long.toString(id * 16));
        assertThat(credit.path("transaction_date").asText()).isEqualTo(local(deliveredAt.plus(Duration.ofDays(1))));
        assertThat(credit.path("statement").asText()).isEqualTo("ID2026W49");
        assertThat(credit.path("paid_status").asText()).isEqualTo("not paid");
        assertThat(minor(credit.path("WHT_amount"))).isZero();
        assertThat(credit.path("WHT_included_in_amount").asText()).isEqualTo("0");
        assertThat(credit.path("seller_sku").asText()).isEqualTo(sandbox.order(orderId).items().get(0).sku());
        assertThat(credit.path("lazada_sku").asText()).isEqualTo(sandbox.order(orderId).items().get(0).shopSku());
        assertThat(credit.path("reference").asText()).isEmpty();

        // Confirmed later: the lines stay, dated from the first delivery.
        sandbox.setOrderStatus(orderId, "confirmed");
        JsonNode again = transactions("2026-11-30", "2026-12-06").path("data");
        assertThat(again).hasSize(expected.size());
        assertThat(byFeeType(again).get("13").path("transaction_date").asText()).isEqualTo(credit.path("transaction_date").asText());
        assertThat(byFeeType(again).get("13").path("orderItem_status").asText()).isEqualTo("confirmed");
    }

    @Test
    void aFreeShippedItemSometimesPaysAFlatSellerShippingFee() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String orderId = order("50000.00", null, null);
            items.add(sandbox.order(orderId).items().get(0).orderItemId());
            sandbox.setOrderStatus(orderId, "delivered");
        }
        clock.advance(Duration.ofDays(2));
        JsonNode data = transactions("2026-11-30", "2026-12-06", Map.of("limit", "500")).path("data");

        Set<String> charged = new HashSet<>();
        for (JsonNode t : data) {
            assertThat(t.path("fee_type").asText()).isNotEqualTo("8"); // the buyer paid no shipping
            if (t.path("fee_type").asText().equals("9")) {
                charged.add(t.path("orderItem_no").asText());
                assertThat(minor(t.path("amount"))).isEqualTo(-SellerCountry.ID.priceFromDollars(1.50)).isEqualTo(-2_400_000);
            }
        }
        Set<String> expected = new HashSet<>();
        for (String item : items) if (Math.floorMod(OrderGenerator.mix(Long.parseLong(item), 9), 3L) == 0) expected.add(item);
        assertThat(charged).isEqualTo(expected).isNotEmpty().hasSizeLessThan(items.size());
    }

    @Test
    void pagesFollowPostingTimeThenTransactionNumber() {
        for (int i = 0; i < 12; i++) {
            String orderId = order("20000.00", null, "8000.00");
            sandbox.setOrderStatus(orderId, "delivered");
            clock.advance(Duration.ofMinutes(37 * (i % 3)));
        }
        clock.advance(Duration.ofDays(2));
        JsonNode all = transactions("2026-11-30", "2026-12-06", Map.of("limit", "500")).path("data");
        assertThat(all.size()).isBetween(12 * 5, 12 * 6);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; ; offset += 7) {
            JsonNode page = transactions("2026-11-30", "2026-12-06", Map.of("offset", Integer.toString(offset), "limit", "7")).path("data");
            assertThat(page.size()).isLessThanOrEqualTo(7);
            page.forEach(t -> paged.add(t.path("transaction_number").asText()));
            if (page.size() < 7) break;
        }
        List<String> whole = new ArrayList<>();
        all.forEach(t -> whole.add(t.path("transaction_number").asText()));
        assertThat(paged).isEqualTo(whole).doesNotHaveDuplicates();
        for (int i = 1; i < all.size(); i++) {
            JsonNode a = all.get(i - 1);
            JsonNode b = all.get(i);
            int byDate = a.path("transaction_date").asText().compareTo(b.path("transaction_date").asText());
            assertThat(byDate < 0 || byDate == 0
                    && Long.parseLong(a.path("transaction_number").asText()) < Long.parseLong(b.path("transaction_number").asText())).isTrue();
        }
        assertThat(transactions("2026-11-30", "2026-12-06", Map.of("offset", "1000")).path("data")).isEmpty();
        assertThat(transactions("2026-11-30", "2026-12-06").path("data").size()).isEqualTo(Math.min(100, all.size()));
        // Local days, inclusive: delivered on 11-30 means posted on 12-01.
        assertThat(transactions("2026-12-01", "2026-12-01", Map.of("limit", "500")).path("data")).hasSize(all.size());
        assertThat(transactions("2026-11-30", "2026-11-30").path("data")).isEmpty();
    }

    @Test
    void theWindowLimitAndTheRequiredParametersAreChecked() {
        JsonNode missing = client.get(TRANSACTIONS, Map.of("end_time", "2026-12-06"));
        assertThat(missing.path("code").asText()).isEqualTo("MissingParameter");
        assertThat(missing.path("message").asText()).contains("\"start_time\"");
        assertThat(client.get(TRANSACTIONS, Map.of("start_time", "2026-12-06")).path("code").asText()).isEqualTo("MissingParameter");
        assertThat(client.get(PAYOUTS, Map.of()).path("code").asText()).isEqualTo("MissingParameter");

        JsonNode backwards = transactions("2026-12-06", "2026-12-05");
        assertThat(backwards.path("type").asText()).isEqualTo("ISV");
        assertThat(backwards.path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(backwards.path("message").asText()).isEqualTo("The parameter \"end_time\" has an invalid value: 2026-12-05");
        assertThat(backwards.has("data")).isFalse();
        // 180 days from start to end is too wide; 179 is the widest window.
        assertThat(transactions("2026-06-01", "2026-11-28").path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(transactions("2026-06-01", "2026-11-27").path("code").asText()).isEqualTo("0");
        assertThat(transactions("2026-12-06", "2026-12-06").path("code").asText()).isEqualTo("0");

        assertThat(transactions("2026-12-6", "2026-12-06").path("message").asText()).contains("\"start_time\"");
        assertThat(transactions("2026-11-30", "2026-12-06", Map.of("limit", "0")).path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(transactions("2026-11-30", "2026-12-06", Map.of("limit", "501")).path("message").asText()).contains("\"limit\"");
        assertThat(transactions("2026-11-30", "2026-12-06", Map.of("limit", "500")).path("code").asText()).isEqualTo("0");
        assertThat(transactions("2026-11-30", "2026-12-06", Map.of("offset", "-1")).path("message").asText()).contains("\"offset\"");
        assertThat(transactions("2026-11-30", "2026-12-06", Map.of("trans_type", "-1")).path("code").asText()).isEqualTo("0");
        assertThat(client.get(PAYOUTS, Map.of("created_after", "30/11/2026")).path("code").asText()).isEqualTo("InvalidParameter");
        assertThat(client.withAccessToken("not-a-token").get(PAYOUTS, Map.of("created_after", "2026-11-30")).path("code").asText())
                .isEqualTo("IllegalAccessToken");
    }

    // ---------------------------------------------------------------- returns

    @Test
    void aCompletedRefundPostsReversalLines() {
        String orderId = order("100000.00", "5000.00", "10000.00");
        sandbox.setOrderStatus(orderId, "delivered");
        clock.advance(Duration.ofDays(2));
        sandbox.setOrderStatus(orderId, "returned");
        sandbox.setReverseStatus(orderId, null, "SELLER_AGREE_RETURN");
        clock.advance(Duration.ofDays(1));
        assertThat(transactions("2026-11-30", "2026-12-06", Map.of("limit", "500")).path("data")).noneMatch(SandboxFinanceTest::reversal);

        sandbox.setReverseStatus(orderId, null, "REFUND_SUCCESS");
        Instant refundedAt = clock.instant();
        clock.advance(Duration.ofDays(1));
        JsonNode data = transactions("2026-11-30", "2026-12-06", Map.of("limit", "500")).path("data");

        List<JsonNode> reversals = new ArrayList<>();
        data.forEach(t -> {
            if (reversal(t)) reversals.add(t);
        });
        assertThat(reversals).hasSize(2);
        Map<String, JsonNode> byType = byFeeType(data);
        assertThat(minor(byType.get("101").path("amount"))).isEqualTo(-9_500_000);
        assertThat(byType.get("101").path("fee_name").asText()).isEqualTo("Reversal Item Price");
        assertThat(minor(byType.get("102").path("amount"))).isEqualTo(400_000);
        assertThat(byType.get("102").path("fee_name").asText()).isEqualTo("Reversal Commission");
        for (JsonNode r : reversals) {
            assertThat(r.path("transaction_type").asText()).isEqualTo("Orders-Refunds");
            assertThat(r.path("transaction_date").asText()).isEqualTo(local(refundedAt.plus(Duration.ofDays(1))));
            assertThat(r.path("orderItem_status").asText()).isEqualTo("returned");
            assertThat(minor(r.path("VAT_in_amount"))).isZero();
        }
        // The sale lines are still there, at their own date.
        assertThat(byType.get("13").path("transaction_date").asText()).isEqualTo(local(START.plus(Duration.ofDays(1))));
    }

    @Test
    void aReturnOfANeverDeliveredItemPostsNothing() {
        String orderId = order("100000.00", null, null);
        sandbox.setOrderStatus(orderId, "returned");
        sandbox.setReverseStatus(orderId, null, "REFUND_SUCCESS");
        clock.advance(Duration.ofDays(3));
        assertThat(transactions("2026-11-30", "2026-12-06").path("data")).isEmpty();
    }

    // ---------------------------------------------------------------- statements

    @Test
    void statementsAddUpTheirWeeksAndArePaidAfterTheDelay() {
        String orderId = order("100000.00", "5000.00", "10000.00");
        sandbox.setOrderStatus(orderId, "delivered");
        clock.advance(Duration.ofDays(2));
        assertThat(statements("2026-11-01")).isEmpty(); // week 49 has not ended

        clock.set(Instant.parse("2026-12-06T17:00:00Z")); // Monday 2026-12-07 00:00 in Jakarta
        JsonNode statements = statements("2026-11-01");
        assertThat(statements).hasSize(1);
        JsonNode week49 = statements.get(0);
        assertThat(fieldNames(week49)).containsExactly("statement_number", "opening_balance", "item_revenue", "fees_total",
                "refunds", "closing_balance", "payout", "paid", "created_at", "updated_at");
        assertThat(week49.path("statement_number").asText()).isEqualTo("ID2026W49");
        JsonNode lines = transactions("2026-11-30", "2026-12-06").path("data");
        long revenue = 0;
        long fees = 0;
        for (JsonNode t : lines) {
            assertThat(t.path("statement").asText()).isEqualTo("ID2026W49");
            if (t.path("fee_type").asText().equals("13")) revenue += minor(t.path("amount"));
            else fees += minor(t.path("amount"));
        }
        assertThat(minor(week49.path("item_revenue"))).isEqualTo(revenue).isEqualTo(9_500_000);
        assertThat(minor(week49.path("fees_total"))).isEqualTo(fees).isNegative();
        assertThat(minor(week49.path("refunds"))).isZero();
        assertThat(minor(week49.path("opening_balance"))).isZero();
        assertThat(minor(week49.path("closing_balance"))).isEqualTo(revenue + fees);
        assertThat(minor(week49.path("payout"))).isEqualTo(revenue + fees);
        assertThat(week49.path("paid").asText()).isEqualTo("0");
        assertThat(week49.path("created_at").asText()).isEqualTo("2026-12-07 00:00:00");
        assertThat(week49.path("updated_at").asText()).isEqualTo("2026-12-07 00:00:00");
        assertThat(lines).allMatch(t -> t.path("paid_status").asText().equals("not paid"));

        clock.advance(Duration.ofDays(3).minusSeconds(1));
        assertThat(statements("2026-11-01").get(0).path("paid").asText()).isEqualTo("0");
        clock.advance(Duration.ofSeconds(1));
        JsonNode paid = statements("2026-11-01").get(0);
        assertThat(paid.path("paid").asText()).isEqualTo("1");
        assertThat(paid.path("updated_at").asText()).isEqualTo("2026-12-10 00:00:00");
        assertThat(transactions("2026-11-30", "2026-12-06").path("data")).allMatch(t -> t.path("paid_status").asText().equals("paid"));

        // created_after is the statement's local creation date, inclusive.
        assertThat(statements("2026-12-07")).hasSize(1);
        assertThat(statements("2026-12-08")).isEmpty();
    }

    @Test
    void aNegativeStatementIsCarriedIntoTheNextOne() {
        String first = order("100000.00", "5000.00", "10000.00");
        sandbox.setOrderStatus(first, "delivered"); // posts in week 49
        clock.set(Instant.parse("2026-12-07T01:00:00Z")); // week 50
        sandbox.setOrderStatus(first, "returned");
        sandbox.setReverseStatus(first, null, "REFUND_SUCCESS"); // posts in week 50: only reversals
        clock.set(Instant.parse("2026-12-14T01:00:00Z")); // week 51
        String second = order("30000.00", null, null);
        sandbox.setOrderStatus(second, "delivered");
        clock.set(Instant.parse("2026-12-21T01:00:00Z")); // week 52

        JsonNode statements = statements("2026-11-30");
        assertThat(statements).extracting(s -> s.path("statement_number").asText()).containsExactly("ID2026W49", "ID2026W50", "ID2026W51");
        for (JsonNode s : statements) {
            assertThat(minor(s.path("closing_balance"))).isEqualTo(minor(s.path("opening_balance")) + minor(s.path("item_revenue"))
                    + minor(s.path("fees_total")) + minor(s.path("refunds")));
            assertThat(minor(s.path("payout"))).isEqualTo(Math.max(0, minor(s.path("closing_balance"))));
        }
        JsonNode week50 = statements.get(1);
        assertThat(minor(week50.path("item_revenue"))).isZero();
        assertThat(minor(week50.path("refunds"))).isEqualTo(-9_500_000 + 400_000);
        assertThat(minor(week50.path("closing_balance"))).isEqualTo(-9_100_000);
        assertThat(minor(week50.path("payout"))).isZero();
        assertThat(minor(statements.get(2).path("opening_balance"))).isEqualTo(-9_100_000);
        assertThat(minor(statements.get(0).path("opening_balance"))).isZero();
        // Asked from week 51 on, the carried balance is the same.
        assertThat(minor(statements("2026-12-21").get(0).path("opening_balance"))).isEqualTo(-9_100_000);
    }

    @Test
    void aSkewMakesTheReportedRevenueDifferFromTheTransactions() throws Exception {
        String orderId = order("100000.00", null, null);
        sandbox.setOrderStatus(orderId, "delivered");
        clock.set(Instant.parse("2026-12-07T01:00:00Z"));
        JsonNode before = statements("2026-11-30").get(0);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> skewed = http.send(post(sandbox.controlUrl() + "/statements/ID2026W49/skew",
                "{\"seller_id\":\"default\",\"amount\":\"12.50\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(skewed.statusCode()).isEqualTo(200);
        JsonNode after = statements("2026-11-30").get(0);

        assertThat(minor(after.path("item_revenue"))).isEqualTo(minor(before.path("item_revenue")) + 1250);
        assertThat(minor(after.path("closing_balance"))).isEqualTo(minor(before.path("closing_balance")) + 1250);
        assertThat(minor(after.path("payout"))).isEqualTo(minor(before.path("payout")) + 1250);
        assertThat(minor(after.path("fees_total"))).isEqualTo(minor(before.path("fees_total")));
        long revenue = 0;
        for (JsonNode t : transactions("2026-11-30", "2026-12-06").path("data")) {
            if (t.path("fee_type").asText().equals("13")) revenue += minor(t.path("amount"));
        }
        assertThat(revenue).isEqualTo(minor(before.path("item_revenue")));

        sandbox.skewStatement("default", "ID2026W49", BigDecimal.ZERO);
        assertThat(minor(statements("2026-11-30").get(0).path("item_revenue"))).isEqualTo(revenue);

        assertThat(http.send(post(sandbox.controlUrl() + "/statements/MY2026W49/skew", "{\"amount\":\"1\"}"),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        assertThat(http.send(post(sandbox.controlUrl() + "/statements/ID2026W49/skew", "{}"),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        assertThat(http.send(post(sandbox.controlUrl() + "/statements/ID2026W49/skew", "{\"seller_id\":\"nobody\",\"amount\":\"1\"}"),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> sandbox.skewStatement("default", "ID2026W49", new BigDecimal("0.001")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- generated orders and money forms

    @Test
    void backfilledHistoryPostsTransactionsThatAddUpToTheStatements() {
        try (LazadaSandbox big = LazadaSandbox.start(settings().withSeed(7)
                .withBackfillSpan(Duration.ofDays(14)).withInitialOrders(1500))) {
            SignedClient signed = new SignedClient(big);
            Map<String, Long> revenueByStatement = new HashMap<>();
            Set<String> numbers = new HashSet<>();
            int rows = 0;
            for (int offset = 0; ; offset += 500) {
                JsonNode page = signed.get(TRANSACTIONS, Map.of("start_time", "2026-11-01", "end_time", "2026-11-30",
                        "offset", Integer.toString(offset), "limit", "500")).path("data");
                for (JsonNode t : page) {
                    rows++;
                    numbers.add(t.path("transaction_number").asText());
                    assertThat(LocalDateTime.parse(t.path("transaction_date").asText(), LOCAL).toInstant(ZoneOffset.ofHours(7)))
                            .isBeforeOrEqualTo(START);
                    assertThat(t.path("orderItem_status").asText()).isIn("delivered", "confirmed", "returned");
                    if (t.path("fee_type").asText().equals("13")) {
                        revenueByStatement.merge(t.path("statement").asText(), minor(t.path("amount")), Long::sum);
                    }
                }
                if (page.size() < 500) break;
            }
            assertThat(rows).isGreaterThan(1000).isEqualTo(numbers.size());

            JsonNode statements = signed.get(PAYOUTS, Map.of("created_after", "2026-01-01")).path("data");
            assertThat(statements).extracting(s -> s.path("statement_number").asText()).containsExactly("ID2026W47", "ID2026W48");
            for (JsonNode s : statements) {
                assertThat(minor(s.path("item_revenue"))).isEqualTo(revenueByStatement.get(s.path("statement_number").asText()));
            }
        }
    }

    @Test
    void vietnamMixesThreeMoneyFormsInWholeDong() {
        try (LazadaSandbox vn = LazadaSandbox.start(settings().withCountry("VN"))) {
            for (int i = 0; i < 30; i++) {
                String orderId = vn.createOrder(SandboxOrderSpec.builder().item(SandboxItemSpec.any()
                        .withItemPrice(new BigDecimal("99303")).withShippingAmount(new BigDecimal("15000"))).status("pending").build());
                vn.setOrderStatus(orderId, "delivered");
            }
            clock.set(Instant.parse("2026-12-07T01:00:00Z"));
            SignedClient signed = new SignedClient(vn);
            JsonNode data = signed.get(TRANSACTIONS, Map.of("start_time", "2026-11-30", "end_time", "2026-12-06", "limit", "500")).path("data");
            Set<String> forms = new HashSet<>();
            for (JsonNode t : data) {
                JsonNode amount = t.path("amount");
                if (amount.isNumber()) {
                    forms.add("number");
                    assertThat(amount.isIntegralNumber()).isTrue();
                } else if (amount.asText().endsWith(" VND")) {
                    forms.add("text");
                    assertThat(amount.asText()).matches("-?\\d+\\.00 VND");
                } else {
                    forms.add("string");
                    assertThat(amount.asText()).matches("-?\\d+");
                }
                if (t.path("fee_type").asText().equals("13")) assertThat(minor(amount)).isEqualTo(99_303);
                if (t.path("fee_type").asText().equals("16")) {
                    assertThat(minor(amount)).isEqualTo(-3972); // 4 % of 99,303 = 3,972.12
                    assertThat(minor(t.path("VAT_in_amount"))).isEqualTo(-361); // 3,972 * 10 / 110 = 361.09
                }
            }
            assertThat(forms).containsExactlyInAnyOrder("number", "text", "string");
            JsonNode statement = signed.get(PAYOUTS, Map.of("created_after", "2026-11-30")).path("data").get(0);
            assertThat(statement.path("statement_number").asText()).isEqualTo("VN2026W49");
            assertThat(minor(statement.path("item_revenue"))).isEqualTo(30 * 99_303);
        }
    }

    @Test
    void outsideVietnamAmountsAreIntegerStringsOrNumbers() {
        for (int i = 0; i < 10; i++) {
            String orderId = order("12345.67", null, "1000.00");
            sandbox.setOrderStatus(orderId, "delivered");
        }
        clock.advance(Duration.ofDays(2));
        JsonNode data = transactions("2026-11-30", "2026-12-06", Map.of("limit", "500")).path("data");
        Set<Boolean> numbers = new HashSet<>();
        for (JsonNode t : data) {
            for (String field : List.of("amount", "VAT_in_amount", "WHT_amount")) {
                JsonNode amount = t.path(field);
                numbers.add(amount.isNumber());
                if (!amount.isNumber()) assertThat(amount.asText()).matches("-?\\d+");
            }
            if (t.path("fee_type").asText().equals("13")) assertThat(minor(t.path("amount"))).isEqualTo(1_234_567);
            if (t.path("fee_type").asText().equals("16")) assertThat(minor(t.path("amount"))).isEqualTo(-49_383); // 49,382.68
        }
        assertThat(numbers).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void financeCallsStayFastWith100000Orders() {
        try (LazadaSandbox big = LazadaSandbox.start(settings().withSeed(5).withBackfillSpan(Duration.ofDays(21)))) {
            big.generateBackfill(100_000);
            SignedClient signed = new SignedClient(big);
            Map<String, String> deepPage = Map.of("start_time", "2026-11-01", "end_time", "2026-11-30", "offset", "100000", "limit", "500");
            Map<String, String> statements = Map.of("created_after", "2026-11-01");
            for (int i = 0; i < 20; i++) { // warm up
                signed.get(TRANSACTIONS, deepPage);
                signed.get(PAYOUTS, statements);
            }
            int calls = 20;
            long started = System.nanoTime();
            JsonNode page = null;
            for (int i = 0; i < calls; i++) page = signed.get(TRANSACTIONS, deepPage);
            double perPage = (System.nanoTime() - started) / 1e6 / calls;
            started = System.nanoTime();
            JsonNode payouts = null;
            for (int i = 0; i < calls; i++) payouts = signed.get(PAYOUTS, statements);
            double perPayout = (System.nanoTime() - started) / 1e6 / calls;
            System.out.printf("100,000 orders: transactions (offset 100000, 500 rows) %.1f ms per call; payout statements %.1f ms per call%n",
                    perPage, perPayout);
            assertThat(page.path("data")).hasSize(500);
            assertThat(payouts.path("data").size()).isGreaterThanOrEqualTo(2);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Tokens that outlive the weeks a statement test moves the clock through. */
    private SandboxSettings settings() {
        return SandboxSettings.defaults().withClock(clock).withAccessTokenTtl(Duration.ofDays(365)).withRefreshTokenTtl(Duration.ofDays(400));
    }

    private String order(String itemPrice, String voucherSeller, String shipping) {
        SandboxItemSpec item = SandboxItemSpec.any().withItemPrice(new BigDecimal(itemPrice))
                .withVoucherSeller(voucherSeller == null ? null : new BigDecimal(voucherSeller))
                .withShippingAmount(shipping == null ? null : new BigDecimal(shipping));
        return sandbox.createOrder(SandboxOrderSpec.builder().item(item).status("pending").build());
    }

    private JsonNode transactions(String start, String end) {
        return transactions(start, end, Map.of());
    }

    private JsonNode transactions(String start, String end, Map<String, String> more) {
        Map<String, String> params = new LinkedHashMap<>(more);
        params.put("start_time", start);
        params.put("end_time", end);
        return client.get(TRANSACTIONS, params);
    }

    private JsonNode statements(String createdAfter) {
        JsonNode body = client.get(PAYOUTS, Map.of("created_after", createdAfter));
        assertThat(body.path("code").asText()).isEqualTo("0");
        assertThat(body.path("data").isArray()).isTrue();
        return body.path("data");
    }

    private static Map<String, JsonNode> byFeeType(JsonNode transactions) {
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        for (JsonNode t : transactions) assertThat(byType.put(t.path("fee_type").asText(), t)).isNull();
        return byType;
    }

    private static boolean reversal(JsonNode t) {
        return t.path("transaction_type").asText().equals("Orders-Refunds");
    }

    /** A finance amount in minor units, from any of its three forms. */
    private static long minor(JsonNode n) {
        if (n.isNumber()) return n.longValue();
        String text = n.asText();
        if (text.endsWith(" VND")) return new BigDecimal(text.substring(0, text.length() - 4)).longValueExact();
        return Long.parseLong(text);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String local(Instant instant) {
        return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneOffset.ofHours(7)));
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
