package io.lazadapos.flow;

/**
 * Where an order stands in the POS flow. The forward path is ranked; CANCELED and
 * FAILED_DELIVERY end an order; RETURNED follows DELIVERED.
 */
public enum Stage {
    UNMAPPED(0, Tab.UNMAPPED),
    AWAITING_PAYMENT(1, Tab.UNPAID),
    PAID(2, Tab.NEW_ORDER),
    READY_TO_SHIP(3, Tab.NEW_ORDER),
    SHIPPED(4, Tab.IN_DELIVERY),
    DELIVERED(5, Tab.IN_DELIVERY),
    RETURNED(6, Tab.COMPLAINED),
    FAILED_DELIVERY(7, Tab.CANCELED),
    CANCELED(8, Tab.CANCELED);

    private final int rank;
    private final Tab tab;

    Stage(int rank, Tab tab) {
        this.rank = rank;
        this.tab = tab;
    }

    /**
     * How far an item in this stage has gone: items only move forward, so of two snapshots with
     * the same update second, the one whose items went further is the newer.
     */
    public int itemProgress() {
        switch (this) {
            case RETURNED: case FAILED_DELIVERY: return 6;
            case CANCELED: return 7;
            default: return rank;
        }
    }

    public Tab tab() {
        return tab;
    }

    /** Position on the forward path AWAITING_PAYMENT < PAID < READY_TO_SHIP < SHIPPED < DELIVERED. */
    public int rank() {
        return rank;
    }

    public boolean isForwardPath() {
        return rank >= AWAITING_PAYMENT.rank && rank <= DELIVERED.rank;
    }

    /** Stages at which an invoice exists (the buyer has paid). */
    public boolean hasInvoice() {
        return this == PAID || this == READY_TO_SHIP || this == SHIPPED || this == DELIVERED
                || this == RETURNED || this == FAILED_DELIVERY;
    }
}
