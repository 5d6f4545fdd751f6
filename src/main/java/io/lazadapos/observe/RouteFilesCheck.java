package io.lazadapos.observe;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Degraded while an edited route file does not load (ROUTES_RELOAD=true): the routes that were
 * running still run, but the edit is not in effect.
 */
public final class RouteFilesCheck extends SyncHealthCheck {

    private final RouteReloads reloads;

    public RouteFilesCheck(RouteReloads reloads) {
        super("route-files");
        this.reloads = reloads;
    }

    @Override
    protected void check(HealthCheckResultBuilder builder) {
        Map<String, Object> status = reloads.status();
        if (!Boolean.TRUE.equals(status.get("enabled"))) {
            builder.up().message("route files are read at start-up (ROUTES_RELOAD is off)");
            return;
        }
        builder.detail("reloads", status.get("reloads")).detail("failures", status.get("failures"));
        @SuppressWarnings("unchecked")
        Map<String, Object> failure = (Map<String, Object>) status.get("lastFailure");
        if (failure == null) {
            builder.up().message("edited route files are reloaded");
            return;
        }
        failure.forEach((k, v) -> builder.detail("failure." + k, v));
        degraded(builder, "route file " + failure.get("file") + (failure.get("line") == null ? "" : " line " + failure.get("line"))
                + " does not load (" + failure.get("problem") + "); the routes already running keep running");
    }
}
