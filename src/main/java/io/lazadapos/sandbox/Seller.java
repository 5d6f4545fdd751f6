package io.lazadapos.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One seller account: its tokens, its orders and its reverse orders. Guarded by the {@link Marketplace} lock. */
final class Seller {

    final String sellerId;
    final long userId;
    final String shortCode;
    final OrderBook orders = new OrderBook();
    final List<ReverseOrder> reverseOrders = new ArrayList<>();
    /**
     * Orders by the epoch hour in which one of their items' sales or refunds posts ({@link FinanceLedger}):
     * a transaction page reads only the hours it covers. An order may be listed twice, or under an hour
     * its refund no longer posts in; readers derive the lines again and keep those that fall in the hour.
     */
    final TreeMap<Long, List<SandboxOrder>> postingHours = new TreeMap<>();
    /** Statement number to what Lazada's reported item_revenue is off by (minor units): the skew control. */
    final Map<String, Long> statementSkews = new HashMap<>();

    String accessToken;
    String refreshToken;
    /** Epoch seconds by the sandbox clock. */
    long accessExpiresAt;
    long refreshExpiresAt;

    Seller(String sellerId, long userId, String shortCode) {
        this.sellerId = sellerId;
        this.userId = userId;
        this.shortCode = shortCode;
    }
}
