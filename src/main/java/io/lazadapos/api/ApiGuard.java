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

    /**
     * Refuses a state-changing call that a page of another site made: a browser sends its origin
     * with every cross-site POST, and without a configured token nothing else would stop one.
     * Same origin: the origin's host and port are those the request was sent to (or, behind a
     * proxy, those of X-Forwarded-Host).
     */
    public void checkOrigin(String method, String origin, String requestUrl, String forwardedHost) {
        if (method == null || "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) || origin == null) {
            return;
        }
        String from = authority(origin.trim());
        boolean same = from != null && (from.equalsIgnoreCase(authority(requestUrl)) || from.equalsIgnoreCase(firstHost(forwardedHost)));
        if (!same) {
            throw new ApiProblem(403, "cross_origin", "calls that change the ledger are accepted from the dashboard's own origin only");
        }
    }

    private static String authority(String url) {
        if (url == null) {
            return null;
        }
        try {
            return java.net.URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String firstHost(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
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
