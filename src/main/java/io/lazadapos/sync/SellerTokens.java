package io.lazadapos.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The access and refresh token of each seller. Never logged, never answered by the API. */
public final class SellerTokens {

    private record Tokens(String access, String refresh) {
        @Override
        public String toString() {
            return "Tokens[***]";
        }
    }

    private final Map<String, Tokens> bySeller = new ConcurrentHashMap<>();

    public void put(String sellerId, String accessToken, String refreshToken) {
        bySeller.put(sellerId, new Tokens(accessToken, refreshToken));
    }

    public String accessToken(String sellerId) {
        Tokens t = bySeller.get(sellerId);
        return t == null ? null : t.access();
    }

    public String refreshToken(String sellerId) {
        Tokens t = bySeller.get(sellerId);
        return t == null ? null : t.refresh();
    }

    @Override
    public String toString() {
        return "SellerTokens" + bySeller.keySet();
    }
}
