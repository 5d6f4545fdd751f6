package io.lazadapos.flow;

import java.util.Locale;

/** Why an invoice went to the recycle bin. */
public enum RecycleReason {
    SELLER_CANCEL, BUYER_CANCEL, SYSTEM_CANCEL, FAILED_DELIVERY;

    /**
     * Reads Lazada's open-ended {@code cancel_return_initiator} ({@code cancellation-seller},
     * {@code buyer-cancel}, {@code customer service-cancel}, {@code system-cancel}, ...).
     * Lazada's customer service and anything unrecognised count as a system cancel.
     */
    public static RecycleReason ofInitiator(String initiator) {
        if (initiator == null) {
            return SYSTEM_CANCEL;
        }
        String i = initiator.toLowerCase(Locale.ROOT);
        if (i.contains("failed delivery") || i.contains("failed_delivery")) {
            return FAILED_DELIVERY;
        }
        if (i.contains("customer service") || i.contains("internal") || i.contains("system")) {
            return SYSTEM_CANCEL;
        }
        if (i.contains("seller")) {
            return SELLER_CANCEL;
        }
        if (i.contains("customer") || i.contains("buyer")) {
            return BUYER_CANCEL;
        }
        return SYSTEM_CANCEL;
    }
}
