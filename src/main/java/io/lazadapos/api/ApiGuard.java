package io.lazadapos.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <token>} on /api/** when an API token is configured. */
public final class ApiGuard {

    /** The caller did not present the configured token. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized() {
            super("missing or wrong bearer token");
        }
    }

    private final byte[] token;

    public ApiGuard(String token) {
        this.token = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    public boolean enabled() {
        return token != null;
    }

    public void check(String authorization) {
        if (token == null) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized();
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            throw new Unauthorized();
        }
    }
}
