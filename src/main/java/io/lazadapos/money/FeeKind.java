package io.lazadapos.money;

import java.util.Locale;

/**
 * What a Lazada finance transaction does to an invoice's money: the buyer's payment credited
 * (gross), a charge or a rebate of Lazada's (fees), or the reversal of a refunded item (refunds).
 */
public enum FeeKind {
    /** "Item Price Credit": what the buyer paid for the item. */
    ITEM_PRICE,
    /** "Shipping Fee (Paid By Customer)": the buyer's shipping, credited to the seller. */
    SHIPPING_CREDIT,
    /** Commission, payment fee, shipping paid by the seller, promotion charges, and any type not known here. */
    FEE,
    /** Reversals of a refunded item (item price, commission, ...). */
    REFUND;

    /**
     * Lazada names fee types in {@code fee_name} and numbers them in {@code fee_type}; the names
     * are what its statements show, so they decide. Unknown types count as fees: a new charge
     * lowers the net, it is never left out of it.
     */
    public static FeeKind of(String feeType, String feeName, String transactionType) {
        String name = feeName == null ? "" : feeName.trim().toLowerCase(Locale.ROOT);
        String type = transactionType == null ? "" : transactionType.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("reversal") || name.contains("refund") || type.contains("refund")) {
            return REFUND;
        }
        if (name.equals("item price credit") || (name.isEmpty() && "13".equals(feeType))) {
            return ITEM_PRICE;
        }
        if (name.startsWith("shipping fee") && name.contains("paid by customer") || (name.isEmpty() && "8".equals(feeType))) {
            return SHIPPING_CREDIT;
        }
        return FEE;
    }

    /** Credits of the buyer's payment make the invoice's gross. */
    public boolean isGross() {
        return this == ITEM_PRICE || this == SHIPPING_CREDIT;
    }
}
