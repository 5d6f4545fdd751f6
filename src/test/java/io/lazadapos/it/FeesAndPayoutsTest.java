package io.lazadapos.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.lazadapos.routes.StepRouteMocks;
import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money after delivery, through the sandbox's finance APIs and a real ledger: a week of orders
 * delivered, their fees posted, the statement paid: every delivered invoice settled with the net
 * Lazada paid; a return after settlement reverses its lines on the same invoice; a re-read writes
 * nothing twice; fees that come before their order wait for it; a statement that does not add up
 * opens a review.
 */
class FeesAndPayoutsTest {

    private static final String SELLER = "default";

    /** The sandbox lives six weeks back, so that its weeks end and its statements are paid before real today. */
    private static TestClock sixWeeksAgo() {
        return new TestClock(Instant.now().minus(Duration.ofDays(42)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static RunningApp app(TestClock clock) {
        Map<String, String> s = RunningApp.defaults();
        s.put("lazada.sync-from", Instant.now().minus(Duration.ofDays(60)).atOffset(ZoneOffset.UTC).toString());
        s.put("lazada.finance-enabled", "true");
        s.put("lazada.finance-interval", "0s");
        return RunningApp.start(s, Map.of("sandboxClock", clock));
    }

    private static JsonNode reread(RunningApp app, String path) {
        java.net.http.HttpResponse<String> r = ApiCalls.post(app, path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiCalls.json(r);
    }

    private static BigDecimal money(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    private static BigDecimal sum(JsonNode feeLines, String kind) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode f : feeLines) {
            if (kind == null || kind.equals(f.get("kind").asText())) {
                total = total.add(money(f.get("amount")));
            }
        }
        return total;
    }

    private static JsonNode statement(RunningApp app, String number) {
        for (JsonNode s : app.json("/api/payouts").get("statements")) {
            if (s.get("statementNumber").asText().equals(number)) {
                return s;
            }
        }
        throw new AssertionError("no statement " + number + " in /api/payouts");
    }

    @Test
    void aWeekOfOrdersIsSettledWithTheNetLazadaPaidAndAReturnReversesItsLines() throws Exception {
        TestClock clock = sixWeeksAgo();
        try (RunningApp app = app(clock)) {
            // A step appended to each finance step route sees exactly what it changes, in its transaction.
            StepRouteMocks mocks = new StepRouteMocks(app.context()).appendTo(List.of("pos-post-fees", "pos-settle-invoice"));
            LazadaSandbox lazada = app.sandbox();
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                delivered.add(lazada.createOrder(SandboxOrderSpec.builder().items(1 + i % 3).status("delivered").build()));
                clock.advance(Duration.ofHours(1));
            }
            String shipped = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("shipped").build());
            app.pollNow();
            // Lazada posts the transactions a day after delivery: nothing yet.
            assertThat(app.count("SELECT COUNT(*) FROM fee_line")).isZero();
            assertThat(app.order(delivered.get(0)).at("/invoice/settlement").isNull()).isTrue();

            clock.advance(Duration.ofDays(2));
            app.pollNow();
            for (String id : delivered) {
                JsonNode inv = app.order(id).get("invoice");
                JsonNode st = inv.get("settlement");
                assertThat(st.get("status").asText()).as(id).isEqualTo("AWAITING_PAYOUT");
                JsonNode fees = inv.get("feeLines");
                assertThat(fees.size()).as(id).isGreaterThanOrEqualTo(3);
                assertThat(money(st.get("gross"))).as(id).isEqualByComparingTo(money(inv.get("total")));
                assertThat(money(st.get("net"))).as(id).isEqualByComparingTo(sum(fees, null));
                assertThat(money(st.get("fees"))).as(id).isEqualByComparingTo(sum(fees, "FEE")).isNegative();
            }
            assertThat(app.order(shipped).at("/invoice/settlement").isNull()).isTrue();
            String number = app.order(delivered.get(0)).at("/invoice/feeLines/0/statement").asText();

            // The week ends, Lazada pays the statement three days later.
            clock.advance(Duration.ofDays(12));
            app.pollNow();
            BigDecimal nets = BigDecimal.ZERO;
            for (String id : delivered) {
                JsonNode st = app.order(id).at("/invoice/settlement");
                assertThat(st.get("status").asText()).as(id).isEqualTo("SETTLED");
                assertThat(st.get("settledAt").isNull()).isFalse();
                if (st.get("statement").asText().equals(number)) {
                    nets = nets.add(money(st.get("net")));
                }
                assertThat(app.json("/api/orders/" + id + "/events").findValuesAsText("type")).contains("POST_FEE", "SETTLE_INVOICE");
            }
            JsonNode s = statement(app, number);
            assertThat(s.get("paid").asBoolean()).isTrue();
            assertThat(s.get("mismatch").isNull()).isTrue();
            // What the settled invoices net is what Lazada's statement moved (no other line in it).
            assertThat(nets).isEqualByComparingTo(money(s.get("closingBalance")).subtract(money(s.get("openingBalance"))));
            assertThat(s.get("invoicesSettled").asLong()).isPositive();
            assertThat(app.count("SELECT COUNT(*) FROM review WHERE reason = 'PAYOUT_MISMATCH'")).isZero();

            assertThat(mocks.received("pos-post-fees")).extracting(m -> (String) m.get("transactionNumber"))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(app.jdbc().queryForList(
                            "SELECT subject FROM ledger_event WHERE type = 'POST_FEE'", String.class));
            assertThat(mocks.received("pos-settle-invoice").stream().filter(m -> Boolean.TRUE.equals(m.get("settles")))
                    .map(m -> m.get("orderId") + "/" + m.get("statement")).toList())
                    .containsExactlyInAnyOrderElementsOf(app.jdbc().queryForList(
                            "SELECT order_id || '/' || subject FROM ledger_event WHERE type = 'SETTLE_INVOICE'", String.class));
            assertThat(mocks.runsOutsideTransaction()).isZero();
            int arrivals = mocks.arrivals().size();

            // A re-read of the whole period writes nothing twice, and sends no step anything.
            long lines = app.count("SELECT COUNT(*) FROM fee_line");
            long events = app.count("SELECT COUNT(*) FROM ledger_event");
            LocalDate today = LocalDate.now(ZoneOffset.ofHours(7));
            JsonNode reread = reread(app, "/api/finance/reread?from=" + today.minusDays(59) + "&to=" + today);
            assertThat(reread.get("transactionsRead").asLong()).isEqualTo(lines);
            assertThat(reread.get("settlementsChanged").asLong()).isZero();
            assertThat(app.count("SELECT COUNT(*) FROM fee_line")).isEqualTo(lines);
            assertThat(app.count("SELECT COUNT(*) FROM ledger_event")).isEqualTo(events);
            assertThat(mocks.arrivals()).hasSize(arrivals);

            // A return after settlement: the reversal lines land on the same invoice, which awaits their payout.
            String returned = delivered.get(1);
            JsonNode before = app.order(returned).at("/invoice/settlement");
            String item = lazada.order(returned).items().get(0).orderItemId();
            lazada.setItemStatus(returned, item, "returned");
            clock.tick();
            lazada.setReverseStatus(returned, item, "REFUND_SUCCESS");
            app.pollNow();
            clock.advance(Duration.ofDays(2));
            app.pollNow();
            JsonNode inv = app.order(returned).get("invoice");
            assertThat(inv.at("/settlement/status").asText()).isEqualTo("AWAITING_PAYOUT");
            assertThat(money(inv.at("/settlement/refunds"))).isNegative();
            assertThat(money(inv.at("/settlement/net"))).isLessThan(money(before.get("net")));
            assertThat(inv.get("feeLines").findValuesAsText("kind")).contains("REFUND");
            clock.advance(Duration.ofDays(12));
            app.pollNow();
            JsonNode after = app.order(returned).at("/invoice/settlement");
            assertThat(after.get("status").asText()).isEqualTo("SETTLED");
            assertThat(after.get("statement").asText()).isNotEqualTo(before.get("statement").asText());
            assertThat(app.json("/api/orders/" + returned + "/events").findValuesAsText("type")
                    .stream().filter("SETTLE_INVOICE"::equals).count()).isEqualTo(2);
        }
    }

    @Test
    void feesBeforeTheirOrderWaitForItAndAStatementThatDoesNotAddUpOpensAReview() {
        TestClock clock = sixWeeksAgo();
        try (RunningApp app = app(clock)) {
            LazadaSandbox lazada = app.sandbox();
            String known = lazada.createOrder(SandboxOrderSpec.builder().items(2).status("delivered").build());
            app.pollNow();
            // Delivered before the ledger hears of it (no poll between), fees posted.
            String late = lazada.createOrder(SandboxOrderSpec.builder().items(1).status("delivered").build());
            clock.advance(Duration.ofDays(2));
            LocalDate today = LocalDate.now(ZoneOffset.ofHours(7));
            reread(app, "/api/finance/reread?from=" + today.minusDays(59) + "&to=" + today);
            assertThat(app.count("SELECT COUNT(*) FROM fee_line WHERE order_id = ? AND attached_at IS NULL", late)).isPositive();
            assertThat(app.json("/api/payouts").at("/reads/0/feeLinesWaitingForTheirOrder").asLong()).isPositive();
            app.pollNow();
            JsonNode inv = app.order(late).get("invoice");
            assertThat(inv.at("/settlement/status").asText()).isEqualTo("AWAITING_PAYOUT");
            assertThat(inv.get("feeLines").size()).isPositive();
            assertThat(app.count("SELECT COUNT(*) FROM fee_line WHERE attached_at IS NULL")).isZero();

            // Lazada's statement says 12.50 more revenue than its transactions: a review, nothing corrected.
            String number = app.order(known).at("/invoice/feeLines/0/statement").asText();
            lazada.skewStatement(SELLER, number, new BigDecimal("12.50"));
            clock.advance(Duration.ofDays(12));
            app.pollNow();
            JsonNode s = statement(app, number);
            assertThat(s.get("paid").asBoolean()).isTrue();
            assertThat(s.get("mismatch").asText()).contains(number).contains("12.50");
            JsonNode o = app.order(known);
            assertThat(o.get("reviewReasons")).extracting(JsonNode::asText).contains("PAYOUT_MISMATCH");
            assertThat(o.at("/invoice/settlement/status").asText()).isEqualTo("SETTLED");
            assertThat(app.jdbc().queryForObject("SELECT detail FROM review WHERE order_id = ? AND reason = 'PAYOUT_MISMATCH'",
                    String.class, known)).contains("does not add up");
            // The review is opened once: the next read finds it open.
            long events = app.count("SELECT COUNT(*) FROM ledger_event");
            app.pollNow();
            assertThat(app.count("SELECT COUNT(*) FROM ledger_event")).isEqualTo(events);
        }
    }
}
