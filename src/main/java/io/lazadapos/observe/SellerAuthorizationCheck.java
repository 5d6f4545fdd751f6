package io.lazadapos.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import io.lazadapos.sync.SellerAuthorization;
import io.lazadapos.sync.SellerTokens;

/**
 * Health DOWN, with the reason, while a seller's authorization is revoked: sync for that seller
 * has stopped until the seller authorizes the app again. A readiness check only: restarting the
 * process would not help, and the API keeps answering.
 */
public final class SellerAuthorizationCheck extends AbstractHealthCheck {

    private final SellerTokens tokens;

    public SellerAuthorizationCheck(SellerTokens tokens) {
        super("lazada", "seller-authorization");
        this.tokens = tokens;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        StringBuilder down = new StringBuilder();
        for (SellerAuthorization a : tokens.authorizations()) {
            builder.detail("seller." + a.sellerId() + ".state", a.state());
            if (a.nextRefreshAt() != null) {
                builder.detail("seller." + a.sellerId() + ".next-refresh", a.nextRefreshAt().toString());
            }
            if (!a.active()) {
                builder.detail("seller." + a.sellerId() + ".problem", a.problem());
                down.append(down.length() == 0 ? "" : "; ").append("seller ").append(a.sellerId()).append(" must authorize the app again: ")
                        .append(a.problem());
            }
        }
        if (down.length() > 0) {
            builder.down().message(down.toString());
        }
    }
}
