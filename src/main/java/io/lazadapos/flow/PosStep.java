package io.lazadapos.flow;

/**
 * The POS actions of the seed (pos-flow.md), in the order the router runs them within a batch, so
 * that an order reaching several of them in one snapshot (first seen delivered: invoice, sent,
 * paid) gets them, and their ledger events, in that order. Each is written by one route of
 * routes/pos-ledger.camel.yaml and nowhere else.
 */
public enum PosStep {
    CREATE_SALES_ORDER("pos-create-sales-order"),
    /** Created directly, or converted from the order's open sales order (event CONVERT_TO_INVOICE). */
    CREATE_INVOICE("pos-create-invoice"),
    MARK_SENT("pos-mark-sent"),
    ADD_PAYMENT("pos-add-payment"),
    VOID_SALES_ORDER("pos-void-sales-order"),
    RECYCLE_INVOICE("pos-recycle-invoice");

    private final String routeId;

    PosStep(String routeId) {
        this.routeId = routeId;
    }

    /** The id of the route (and {@code direct:} endpoint) that writes this step. */
    public String routeId() {
        return routeId;
    }
}
