package io.lazadapos.sandbox;

import java.util.ArrayList;
import java.util.List;

/** A return or refund request on delivered items, as /reverse/getreverseordersforseller lists it. */
final class ReverseOrder {

    static final String RETURN = "RETURN";
    static final String ONLY_REFUND = "ONLY_REFUND";

    final long reverseOrderId;
    final SandboxOrder order;
    final String requestType;
    final long createdAt;
    final List<Line> lines = new ArrayList<>(2);

    ReverseOrder(long reverseOrderId, SandboxOrder order, String requestType, long createdAt) {
        this.reverseOrderId = reverseOrderId;
        this.order = order;
        this.requestType = requestType;
        this.createdAt = createdAt;
    }

    /** One returned item. */
    static final class Line {
        final long lineId;
        final ReverseOrder reverse;
        final SandboxItem item;
        final int reasonCode;
        final String reasonText;
        String status;
        long modifiedAt;

        Line(long lineId, ReverseOrder reverse, SandboxItem item, int reasonCode, String reasonText, String status, long at) {
            this.lineId = lineId;
            this.reverse = reverse;
            this.item = item;
            this.reasonCode = reasonCode;
            this.reasonText = reasonText;
            this.status = status;
            this.modifiedAt = at;
        }
    }
}
