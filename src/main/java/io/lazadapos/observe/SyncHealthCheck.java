package io.lazadapos.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Base of the sync's health checks (group "lazada-pos" under /observe/health). They are
 * readiness checks: a late poll or a backlog means "not in good shape", not "restart me".
 * Camel knows UP and DOWN only; a degraded check answers UP with {@code degraded=true} and a
 * message that starts with "degraded: " and gives the reason.
 */
abstract class SyncHealthCheck extends AbstractHealthCheck {

    SyncHealthCheck(String id) {
        super("lazada-pos", id);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected final void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("degraded", false);
        check(builder);
    }

    protected abstract void check(HealthCheckResultBuilder builder);

    static void degraded(HealthCheckResultBuilder builder, String reason) {
        builder.up().detail("degraded", true).message("degraded: " + reason);
    }

    static void down(HealthCheckResultBuilder builder, String reason) {
        builder.down().message(reason);
    }
}
