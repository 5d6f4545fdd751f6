package io.lazadapos.money;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FeeKindTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "13 | Item Price Credit               | Orders-Sales   | ITEM_PRICE",
            "13 | -                               | -              | ITEM_PRICE",
            "8  | Shipping Fee (Paid By Customer) | Orders-Sales   | SHIPPING_CREDIT",
            "9  | Shipping Fee Paid by Seller     | Orders-Sales   | FEE",
            "16 | Commission                      | Orders-Sales   | FEE",
            "3  | Payment Fee                     | Orders-Sales   | FEE",
            "28 | Promotional Charges Flexi Combo | Orders-Sales   | FEE",
            "101| Reversal Item Price             | Orders-Refunds | REFUND",
            "102| Reversal Commission             | Orders-Refunds | REFUND",
            "77 | Something New                   | Other          | FEE",
    })
    void eachFeeTypeCountsWhereItBelongs(String type, String name, String transactionType, FeeKind expected) {
        assertThat(FeeKind.of(type, name, transactionType)).isEqualTo(expected);
    }
}
