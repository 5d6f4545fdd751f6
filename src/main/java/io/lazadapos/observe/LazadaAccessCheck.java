package io.lazadapos.observe;

import org.apache.camel.health.HealthCheckResultBuilder;

/** Lazada is reachable and accepts the app's signature and the seller's token (see {@link LazadaProbe}). */
public final class LazadaAccessCheck extends SyncHealthCheck {

    private final LazadaProbe probe;

    public LazadaAccessCheck(LazadaProbe probe) {
        super("lazada-api");
        this.probe = probe;
    }

    @Override
    protected void check(HealthCheckResultBuilder builder) {
        LazadaProbe.Result r = probe.current();
        builder.detail("checkedAt", r.checkedAt().toString()).detail("reachable", r.reachable());
        if (r.tokenValid() != null) {
            builder.detail("tokenValid", r.tokenValid());
        }
        if (r.healthy() && r.degraded()) {
            degraded(builder, r.problem());
        } else if (r.healthy()) {
            builder.up().message("Lazada answers the seller's signed calls");
        } else {
            down(builder, r.problem());
        }
    }
}
