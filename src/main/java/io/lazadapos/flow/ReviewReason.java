package io.lazadapos.flow;

/** Why an order waits for a person. */
public enum ReviewReason {
    RETURN_REQUESTED,
    AMOUNT_MISMATCH,
    CANCEL_AFTER_SENT,
    PARTIAL_FAILED_DELIVERY,
    BUYER_CANCEL_REQUEST,
    UNMAPPED_STATUS,
    /** Lazada's money for the order does not add up: credits, net, or its payout statement. */
    PAYOUT_MISMATCH
}
