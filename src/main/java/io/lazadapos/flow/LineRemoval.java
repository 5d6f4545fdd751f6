package io.lazadapos.flow;

/** Why an item's line left the order's document while other items remain. */
public enum LineRemoval {
    CANCELED, FAILED_DELIVERY
}
