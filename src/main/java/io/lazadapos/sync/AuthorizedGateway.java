package io.lazadapos.sync;

import io.lazadapos.lazada.LazadaErrorKind;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.lazada.LazadaRequest;
import io.lazadapos.lazada.LazadaTokenException;

/**
 * Lazada calls with the seller's authorization looked after: when Lazada refuses the access token
 * (IllegalAccessToken) the tokens are refreshed (unless they changed since the call was signed)
 * and the call is made once more; a refused refresh token (IllegalRefreshToken,
 * AUTH_TYPE_UNSUPPORTED) marks the seller revoked and fails the call without a retry.
 */
public final class AuthorizedGateway implements LazadaOrders.Gateway {

    private final LazadaOrders.Gateway calls;
    private final SellerTokens tokens;

    public AuthorizedGateway(LazadaOrders.Gateway calls, SellerTokens tokens) {
        this.calls = calls;
        this.tokens = tokens;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode call(LazadaRequest request) {
        if (request.apiPath().startsWith("/auth/")) {
            return calls.call(request);
        }
        long signedWith = tokens.version(request.sellerId());
        try {
            return calls.call(request);
        } catch (LazadaTokenException e) {
            if (e.kind() == LazadaErrorKind.ACCESS_TOKEN_INVALID) {
                tokens.accessTokenRejected(request, signedWith);
                return calls.call(request);
            }
            tokens.authorizationRejected(request, signedWith, e);
            throw e;
        }
    }
}
