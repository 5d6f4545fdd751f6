package io.lazadapos.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller route per active seller, made from the route template {@code seller-poll}
 * (routes/lazada-poll.camel.yaml): added when a seller is connected, removed when it is
 * disconnected, on every instance. Which instance's route actually polls is the cluster
 * service's choice ({@link PollLeadership}).
 */
public final class SellerPollers {

    private static final Logger LOG = LoggerFactory.getLogger(SellerPollers.class);
    public static final String TEMPLATE = "seller-poll";

    private final CamelContext context;
    private final PollLeadership leadership;
    private final boolean enabled;
    private final Map<String, String> routeBySeller = new HashMap<>();

    public SellerPollers(CamelContext context, PollLeadership leadership, boolean enabled) {
        this.context = context;
        this.leadership = leadership;
        this.enabled = enabled;
    }

    public static String routeId(String sellerId) {
        return PollLeadership.namespace(sellerId);
    }

    /** Brings the poller routes in line with the active sellers. */
    public synchronized void sync(List<String> activeSellers) {
        if (!enabled) {
            return;
        }
        for (String seller : List.copyOf(routeBySeller.keySet())) {
            if (!activeSellers.contains(seller)) {
                remove(seller);
            }
        }
        for (String seller : activeSellers) {
            if (!routeBySeller.containsKey(seller)) {
                add(seller);
            }
        }
    }

    private void add(String seller) {
        String routeId = routeId(seller);
        try {
            leadership.inUse(seller, true);
            TemplatedRouteBuilder.builder(context, TEMPLATE)
                    .routeId(routeId)
                    .parameter("sellerId", seller)
                    .parameter("pollUri", leadership.pollUri(seller))
                    .add();
            routeBySeller.put(seller, routeId);
            LOG.info("poller of seller {} added (route {}{})", seller, routeId,
                    leadership.service() == null ? "" : ", polling on the instance that leads it");
        } catch (Exception e) {
            leadership.inUse(seller, false);
            LOG.error("cannot add the poller of seller {}", seller, e);
        }
    }

    private void remove(String seller) {
        String routeId = routeBySeller.remove(seller);
        leadership.inUse(seller, false);
        try {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
            LOG.info("poller of seller {} removed", seller);
        } catch (Exception e) {
            LOG.error("cannot remove the poller of seller {}", seller, e);
        }
    }

    public synchronized List<String> sellersWithPollers() {
        return List.copyOf(routeBySeller.keySet());
    }
}
