package io.lazadapos.lazada;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.lazadapos.money.FeeKind;
import io.lazadapos.money.FeeTransaction;
import io.lazadapos.money.FinanceAmount;
import io.lazadapos.money.PayoutStatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Lazada's finance replies: money in every form it comes in, dates, missing fields, bad rows. */
class LazadaFinanceTest {

    private static JsonNode json(String s) throws Exception {
        return LazadaJson.MAPPER.readTree(s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // country | the value as JSON | major units
            "MY | \"-1250\"          | -12.50",
            "MY | -1250             | -12.50",
            "MY | \"1,250\"          | 12.50",
            "MY | \"1250.00\"        | 12.50",
            "MY | \"1250 MYR\"       | 12.50",
            "SG | 7                 | 0.07",
            "VN | \"99303.00 VND\"   | 99303.00",
            "VN | \"-4000.00 VND\"   | -4000.00",
            "VN | \"99303\"          | 99303.00",
            "VN | 99303             | 99303.00",
            "VN | \"99,303VND\"      | 99303.00",
            "ID | \"150000\"         | 1500.00",
    })
    void amountsInEveryForm(String country, String value, String expected) throws Exception {
        BigDecimal amount = FinanceAmount.read(json("{\"amount\": " + value + "}"), "amount", LazadaCountry.of(country));
        assertThat(amount).isEqualByComparingTo(expected);
        assertThat(amount.scale()).isEqualTo(2);
    }

    @Test
    void anAmountThatIsNoAmountOrInAnotherCurrencyOrOfAFractionOfACentIsMalformed() throws Exception {
        assertThatThrownBy(() -> FinanceAmount.read(json("{\"amount\": \"12,50 EUR\"}"), "amount", LazadaCountry.MY))
                .isInstanceOf(LazadaFields.MalformedLazadaValue.class).hasMessageContaining("MYR");
        assertThatThrownBy(() -> FinanceAmount.read(json("{\"amount\": \"abc\"}"), "amount", LazadaCountry.MY))
                .isInstanceOf(LazadaFields.MalformedLazadaValue.class);
        assertThatThrownBy(() -> FinanceAmount.read(json("{\"amount\": \"1250.5\"}"), "amount", LazadaCountry.MY))
                .isInstanceOf(LazadaFields.MalformedLazadaValue.class).hasMessageContaining("cents");
        assertThatThrownBy(() -> FinanceAmount.read(json("{\"amount\": {\"v\": 1}}"), "amount", LazadaCountry.MY))
                .isInstanceOf(LazadaFields.MalformedLazadaValue.class);
        assertThat(FinanceAmount.read(json("{\"amount\": \"\"}"), "amount", LazadaCountry.MY)).isNull();
        assertThat(FinanceAmount.readOrZero(json("{}"), "VAT_in_amount", LazadaCountry.MY)).isEqualByComparingTo("0");
    }

    @Test
    void aPageOfTransactionsWithARowThatCannotBeRead() throws Exception {
        JsonNode reply = json("""
                {"code": "0", "data": [
                  {"order_no": "4100000001", "orderItem_no": "5100000001", "transaction_date": "2026-11-30 14:05:00",
                   "transaction_number": "T-1", "transaction_type": "Orders-Sales", "fee_type": "13", "fee_name": "Item Price Credit",
                   "amount": "125000", "VAT_in_amount": "0", "WHT_amount": 0, "statement": "MY2026W49", "paid_status": "not paid"},
                  {"order_no": 4100000001, "orderItem_no": 5100000001, "transaction_date": "30 Nov 2026",
                   "transaction_number": 2, "fee_type": "16", "fee_name": "Commission", "amount": -5000, "VAT_in_amount": "-370"},
                  {"order_no": "4100000001", "transaction_date": "2026-11-30", "transaction_number": "T-3",
                   "fee_name": "Reversal Item Price", "amount": "-125000"},
                  {"transaction_date": "2026-11-30", "transaction_number": "T-4", "fee_name": "Sponsored Discovery", "amount": "-1000"},
                  {"order_no": "4100000002", "transaction_number": "T-5", "fee_name": "Commission", "amount": "oops",
                   "transaction_date": "2026-11-30"},
                  {"order_no": "4100000002", "transaction_number": "T-6", "fee_name": "Commission", "amount": "-10"}
                ], "request_id": "r"}""");
        LazadaFinance.TransactionPage page = LazadaFinance.readTransactions("S1", reply, LazadaCountry.MY);

        assertThat(page.rows()).isEqualTo(6);
        assertThat(page.transactions()).hasSize(4);
        FeeTransaction credit = page.transactions().get(0);
        assertThat(credit.orderId()).isEqualTo("4100000001");
        assertThat(credit.kind()).isEqualTo(FeeKind.ITEM_PRICE);
        assertThat(credit.amount()).isEqualByComparingTo("1250.00");
        assertThat(credit.statement()).isEqualTo("MY2026W49");
        assertThat(credit.transactionDate()).isEqualTo(Instant.parse("2026-11-30T06:05:00Z"));
        FeeTransaction commission = page.transactions().get(1);
        assertThat(commission.transactionNumber()).isEqualTo("2");
        assertThat(commission.kind()).isEqualTo(FeeKind.FEE);
        assertThat(commission.amount()).isEqualByComparingTo("-50.00");
        assertThat(commission.vatAmount()).isEqualByComparingTo("-3.70");
        assertThat(commission.transactionDate()).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
        assertThat(commission.statement()).isNull();
        assertThat(page.transactions().get(2).kind()).isEqualTo(FeeKind.REFUND);
        FeeTransaction sellerCharge = page.transactions().get(3);
        assertThat(sellerCharge.orderId()).isNull();
        assertThat(sellerCharge.kind()).isEqualTo(FeeKind.FEE);
        assertThat(page.rejected()).hasSize(2);
        assertThat(page.rejected().get(0).orderId()).isEqualTo("4100000002");
        assertThat(page.rejected().get(0).error()).contains("amount");
        assertThat(page.rejected().get(1).error()).contains("transaction_date");
    }

    @Test
    void aReplyWithoutItsDataIsMalformed() throws Exception {
        assertThatThrownBy(() -> LazadaFinance.readTransactions("S1", json("{\"code\": \"0\"}"), LazadaCountry.MY))
                .isInstanceOf(LazadaFields.MalformedLazadaValue.class).hasMessageContaining("data");
        assertThatThrownBy(() -> LazadaFinance.readStatements("S1", json("{\"code\": \"0\", \"data\": {}}"), LazadaCountry.MY))
                .isInstanceOf(LazadaFields.MalformedLazadaValue.class);
        assertThat(LazadaFinance.readTransactions("S1", json("{\"code\": \"0\", \"data\": []}"), LazadaCountry.MY).rows()).isZero();
    }

    @Test
    void statementsInStringsNumbersAndCurrencyText() throws Exception {
        JsonNode reply = json("""
                {"code": "0", "data": [
                  {"statement_number": "VN2026W48", "opening_balance": "0.00 VND", "item_revenue": "99303.00 VND",
                   "fees_total": -9303, "refunds": "0", "closing_balance": "90000", "payout": "90000.00 VND", "paid": "1",
                   "created_at": "2026-11-30 00:00:00", "updated_at": "2026-12-03 00:00:00"},
                  {"statement_number": "VN2026W49", "item_revenue": "1000", "fees_total": "-100", "paid": "0"},
                  {"opening_balance": "0"}
                ]}""");
        LazadaFinance.Statements read = LazadaFinance.readStatements("S1", reply, LazadaCountry.VN);
        assertThat(read.statements()).hasSize(2);
        PayoutStatement paid = read.statements().get(0);
        assertThat(paid.paid()).isTrue();
        assertThat(paid.itemRevenue()).isEqualByComparingTo("99303");
        assertThat(paid.feesTotal()).isEqualByComparingTo("-9303");
        assertThat(paid.movement()).isEqualByComparingTo("90000");
        assertThat(paid.createdAt()).isEqualTo(Instant.parse("2026-11-29T17:00:00Z"));
        PayoutStatement open = read.statements().get(1);
        assertThat(open.paid()).isFalse();
        // Without a closing balance, its own figures are what it should add up to.
        assertThat(open.closingBalance()).isEqualByComparingTo("900");
        assertThat(read.rejected()).singleElement().satisfies(r -> assertThat(r.error()).contains("statement_number"));
    }
}
