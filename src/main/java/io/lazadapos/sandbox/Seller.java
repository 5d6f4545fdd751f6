package io.lazadapos.sandbox;

import java.util.ArrayList;
import java.util.List;

/** One seller account: its tokens, its orders and its reverse orders. Guarded by the {@link Marketplace} lock. */
final class Seller {

    final String sellerId;
    final long userId;
    final String shortCode;
    final OrderBook orders = new OrderBook();
    final List<ReverseOrder> reverseOrders = new ArrayList<>();

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
