package io.lazadapos.flow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.lazada.LazadaReverseOrder;

import static org.assertj.core.api.Assertions.assertThat;

/** Refunds in minor units (except VND), case states from Lazada's reverse statuses, review texts. */
class ReturnCaseTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    private static LazadaReverseOrder reverse(String type, String... statusAndMinor) {
        List<LazadaReverseOrder.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < statusAndMinor.length; i += 2) {
            lines.add(new LazadaReverseOrder.Line("L" + i, "item" + i, statusAndMinor[i], new BigDecimal(statusAndMinor[i + 1]),
                    "Wrong size", T.plusSeconds(i)));
        }
        return new LazadaReverseOrder("R1", "O1", type, lines);
    }

    @Test
    void refundsArriveInMinorUnitsExceptInVietnam() {
        ReturnCase idr = ReturnCase.of("s", reverse("RETURN", "REQUEST_INITIATE", "15050000"), LazadaCountry.ID, T);
        assertThat(idr.refundAmount()).isEqualByComparingTo("150500.00");
        ReturnCase sgd = ReturnCase.of("s", reverse("RETURN", "REQUEST_INITIATE", "1999", "SELLER_AGREE_RETURN", "1"), LazadaCountry.SG, T);
        assertThat(sgd.refundAmount()).isEqualTo(new BigDecimal("20.00"));
        ReturnCase vnd = ReturnCase.of("s", reverse("ONLY_REFUND", "REQUEST_INITIATE", "150500"), LazadaCountry.VN, T);
        assertThat(vnd.refundAmount()).isEqualByComparingTo("150500");
        assertThat(vnd.currency()).isEqualTo("VND");
    }

    @Test
    void theCaseStateFollowsItsLines() {
        assertThat(ReturnCase.of("s", reverse("RETURN", "REQUEST_INITIATE", "1"), LazadaCountry.ID, T).state()).isEqualTo(ReturnCase.State.OPEN);
        assertThat(ReturnCase.of("s", reverse("RETURN", "REFUND_SUCCESS", "1"), LazadaCountry.ID, T).state()).isEqualTo(ReturnCase.State.REFUNDED);
        assertThat(ReturnCase.of("s", reverse("RETURN", "REQUEST_CANCEL", "1"), LazadaCountry.ID, T).state()).isEqualTo(ReturnCase.State.CANCELLED);
        assertThat(ReturnCase.of("s", reverse("RETURN", "REQUEST_REJECT", "1"), LazadaCountry.ID, T).state()).isEqualTo(ReturnCase.State.REJECTED);
        // One line still open keeps the case open; a refunded line makes a closed case refunded.
        assertThat(ReturnCase.of("s", reverse("RETURN", "REFUND_SUCCESS", "1", "BUYER_RETURN_ITEM", "1"), LazadaCountry.ID, T).state())
                .isEqualTo(ReturnCase.State.OPEN);
        assertThat(ReturnCase.of("s", reverse("RETURN", "REFUND_SUCCESS", "1", "REQUEST_CANCEL", "1"), LazadaCountry.ID, T).state())
                .isEqualTo(ReturnCase.State.REFUNDED);
    }

    @Test
    void onlyOpenAndRefundedLinesCountAsReturned() {
        ReturnCase c = ReturnCase.of("s", reverse("RETURN", "REFUND_SUCCESS", "1", "REQUEST_CANCEL", "1"), LazadaCountry.ID, T);
        assertThat(c.lines()).extracting(l -> l.get("active")).containsExactly(true, false);
    }

    @Test
    void theReviewSaysWhereTheCaseStands() {
        assertThat(ReturnCase.of("s", reverse("RETURN", "REQUEST_INITIATE", "100"), LazadaCountry.ID, T).reviewDetail())
                .contains("REQUEST_INITIATE").contains("refund 1.00 IDR").contains("Wrong size");
        assertThat(ReturnCase.of("s", reverse("ONLY_REFUND", "REFUND_SUCCESS", "100"), LazadaCountry.ID, T).reviewDetail())
                .contains("refund-only request").contains("closed: refunded 1.00 IDR");
        assertThat(ReturnCase.of("s", reverse("RETURN", "REQUEST_REJECT", "100"), LazadaCountry.ID, T).reviewDetail())
                .contains("rejected").contains("no refund");
    }
}
