package io.lazadapos.lazada;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lazada's token refresh ({@code /auth/token/refresh}, on the auth host): trades a refresh token
 * for a new pair. The answer is top-level (not under {@code data}).
 */
public final class LazadaTokens {

    public static final String REFRESH_API = "/auth/token/refresh";

    /** A refresh's answer. {@code toString} leaves the tokens out: grants end up in exceptions and logs. */
    public record TokenGrant(String accessToken, String refreshToken, Duration expiresIn, Duration refreshExpiresIn) {
        @Override
        public String toString() {
            return "TokenGrant[expires in " + expiresIn + ", refresh expires in " + refreshExpiresIn + "]";
        }
    }

    private final LazadaOrders.Gateway gateway;

    public LazadaTokens(LazadaOrders.Gateway gateway) {
        this.gateway = gateway;
    }

    public TokenGrant refresh(String sellerId, String refreshToken) {
        JsonNode root = gateway.call(LazadaRequest.of(sellerId, REFRESH_API, Map.of("refresh_token", refreshToken)));
        return read(root);
    }

    /** Reads the grant; a grant without both tokens is a malformed reply (never half-stored). */
    public static TokenGrant read(JsonNode root) {
        try {
            String access = LazadaFields.text(root, "access_token");
            String refresh = LazadaFields.text(root, "refresh_token");
            if (access == null || refresh == null) {
                throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, REFRESH_API, null,
                        "token refresh answered without " + (access == null ? "access_token" : "refresh_token"), null, null);
            }
            long expiresIn = LazadaFields.integer(root, "expires_in", -1);
            long refreshExpiresIn = LazadaFields.integer(root, "refresh_expires_in", -1);
            return new TokenGrant(access, refresh, expiresIn > 0 ? Duration.ofSeconds(expiresIn) : null,
                    refreshExpiresIn > 0 ? Duration.ofSeconds(refreshExpiresIn) : null);
        } catch (LazadaFields.MalformedLazadaValue e) {
            throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, REFRESH_API, null, e.getMessage(), null, e);
        }
    }
}
