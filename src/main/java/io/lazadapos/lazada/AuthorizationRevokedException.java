package io.lazadapos.lazada;

/**
 * The seller's refresh token was refused (IllegalRefreshToken, AUTH_TYPE_UNSUPPORTED): the seller
 * must authorize the app again. Raised without calling Lazada, so a revoked seller causes no
 * traffic at all until its tokens are re-seeded.
 */
public class AuthorizationRevokedException extends LazadaTokenException {
    public AuthorizationRevokedException(String sellerId, String apiPath, String reason) {
        super(LazadaErrorKind.REFRESH_TOKEN_INVALID, apiPath, "AuthorizationRevoked",
                "seller " + sellerId + " must authorize the app again (" + reason + "); no calls until its tokens are re-seeded", null);
    }
}
