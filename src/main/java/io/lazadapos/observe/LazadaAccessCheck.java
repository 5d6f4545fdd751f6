package io.lazadapos.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Lazada is reachable and accepts the app's signature and each active seller's token (see
 * {@link LazadaProbe}, one per seller). Sellers whose authorization is revoked are left to the
 * seller-authorization check. The message names the sellers with a problem.
 */
public final class LazadaAccessCheck extends SyncHealthCheck {

    private final Supplier<List<String>> sellers;
    private final Function<String, LazadaProbe> probeOf;

    public LazadaAccessCheck(LazadaProbe probe) {
        this(() -> List.of(""), seller -> probe);
    }

    public LazadaAccessCheck(Supplier<List<String>> sellers, Function<String, LazadaProbe> probeOf) {
        super("lazada-api");
        this.sellers = sellers;
        this.probeOf = probeOf;
    }

    @Override
    protected void check(HealthCheckResultBuilder builder) {
        List<String> watched = sellers.get();
        if (watched.isEmpty()) {
            builder.up().message("no seller to check");
            return;
        }
        List<String> down = new ArrayList<>();
        List<String> throttled = new ArrayList<>();
        for (String seller : watched) {
            LazadaProbe.Result r = probeOf.apply(seller).current();
            String prefix = watched.size() == 1 ? "" : "seller." + seller + ".";
            builder.detail(prefix + "checkedAt", r.checkedAt().toString()).detail(prefix + "reachable", r.reachable());
            if (r.tokenValid() != null) {
                builder.detail(prefix + "tokenValid", r.tokenValid());
            }
            String who = watched.size() == 1 ? "" : "seller " + seller + ": ";
            if (r.healthy() && r.degraded()) {
                throttled.add(who + r.problem());
            } else if (!r.healthy()) {
                down.add(who + r.problem());
            }
        }
        if (!down.isEmpty()) {
            down(builder, String.join("; ", down));
        } else if (!throttled.isEmpty()) {
            degraded(builder, String.join("; ", throttled));
        } else {
            builder.up().message(watched.size() == 1 ? "Lazada answers the seller's signed calls"
                    : "Lazada answers the signed calls of " + watched.size() + " sellers");
        }
    }
}
