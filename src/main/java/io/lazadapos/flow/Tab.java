package io.lazadapos.flow;

/** The tabs the seller works with, after the POS vendor's (plus Unpaid and Unmapped). */
public enum Tab {
    UNPAID, NEW_ORDER, IN_DELIVERY, CANCELED, COMPLAINED, UNMAPPED
}
