package io.lazadapos.sandbox;

/** Who cancels and why, with the cancel_return_initiator values Lazada uses. */
enum CancelCause {

    UNPAID_TIMEOUT("system-cancel", "Payment not completed in time"),
    SELLER_OUT_OF_STOCK("cancellation-seller", "Out of stock"),
    SELLER_PRICING_ERROR("cancellation-seller", "Pricing error"),
    CUSTOMER_CHANGE_OF_MIND("cancellation-customer", "Change of mind"),
    BUYER_REQUEST("buyer-cancel", "Found cheaper elsewhere"),
    SHIPPING_SLA_MISSED("system-cancel", "Seller did not ship on time"),
    INTERNAL_REVIEW("cancellation-internal", "Suspicious order"),
    CUSTOMER_SERVICE("customer service-cancel", "Cancelled by customer service");

    final String initiator;
    final String reason;

    CancelCause(String initiator, String reason) {
        this.initiator = initiator;
        this.reason = reason;
    }
}
