package io.lazadapos.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.camel.cluster.CamelClusterService;

/**
 * Which instance polls which seller. Each seller's poller is a route from
 * {@code master:lazada-poll-<seller>:timer:...}: it runs on the instance that leads that
 * namespace in the cluster service ({@code file}: a lock folder every instance shares;
 * {@code kubernetes}: a Lease per seller), and only there. Without a cluster service
 * ({@code none}, one instance) every seller is polled here.
 */
public final class PollLeadership {

    /** The cluster service in use, by its configuration name. */
    public enum Kind { FILE, KUBERNETES, NONE }

    private final Kind kind;
    private final CamelClusterService service;
    private final String instanceId;
    private final Supplier<List<String>> members;
    private final Set<String> namespacesInUse = ConcurrentHashMap.newKeySet();
    private volatile Supplier<List<String>> sellers = List::of;

    public PollLeadership(Kind kind, CamelClusterService service, String instanceId, Supplier<List<String>> members) {
        this.kind = kind;
        this.service = service;
        this.instanceId = instanceId;
        this.members = members;
    }

    /** One instance polls every seller. */
    public static PollLeadership none(String instanceId) {
        return new PollLeadership(Kind.NONE, null, instanceId, () -> List.of(instanceId));
    }

    public Kind kind() {
        return kind;
    }

    public CamelClusterService service() {
        return service;
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * The cluster namespace of a seller's poller, usable as a file name and as a Kubernetes
     * resource name: lower case letters, digits, '-' and '.'; another character makes the name
     * carry a hash of the id, so two ids never share a namespace.
     */
    public static String namespace(String sellerId) {
        String lower = sellerId.toLowerCase(Locale.ROOT);
        String slug = lower.replaceAll("[^a-z0-9.-]", "-");
        if (!slug.equals(sellerId) || slug.length() > 40) {
            slug = (slug.length() > 40 ? slug.substring(0, 40) : slug) + "-" + hash(sellerId);
        }
        return "lazada-poll-" + slug;
    }

    private static String hash(String s) {
        long h = 1125899906842597L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return Long.toHexString(h & 0xffffffffL);
    }

    /** The URI a seller's poller consumes from: its timer, behind the cluster's leader election when there is one. */
    public String pollUri(String sellerId) {
        String ns = namespace(sellerId);
        String timer = "timer:" + ns;
        return service == null ? timer : "master:" + ns + ":" + timer;
    }

    /**
     * The URI of a job that must run on one instance at a time (the events outbox): its timer,
     * behind the cluster's leader election when there is one.
     */
    public String singletonUri(String namespace) {
        namespacesInUse.add(namespace);
        String timer = "timer:" + namespace;
        return service == null ? timer : "master:" + namespace + ":" + timer;
    }

    /** Whether this instance runs the job of {@link #singletonUri} now. */
    public boolean leadsJob(String namespace) {
        return service == null || service.isLeader(namespace);
    }

    /** Whether this instance polls the seller now. */
    public boolean leads(String sellerId) {
        return service == null || service.isLeader(namespace(sellerId));
    }

    /** Where the active sellers come from (the seller directory). */
    public void setSellers(Supplier<List<String>> activeSellers) {
        this.sellers = activeSellers;
    }

    /** The active sellers this instance polls now. */
    public List<String> ledHere() {
        return ledHere(sellers.get());
    }

    /** Of these sellers, the ones this instance polls. */
    public List<String> ledHere(List<String> sellerIds) {
        List<String> out = new ArrayList<>();
        for (String s : sellerIds) {
            if (leads(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The pollers' namespaces this instance runs routes for (what the rebalancing spreads). */
    public Set<String> namespacesInUse() {
        return Set.copyOf(namespacesInUse);
    }

    void inUse(String sellerId, boolean used) {
        if (used) {
            namespacesInUse.add(namespace(sellerId));
        } else {
            namespacesInUse.remove(namespace(sellerId));
        }
    }

    /** For the health panel: this instance, the cluster service, its members, the sellers polled here. */
    public Map<String, Object> view(List<String> sellerIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", instanceId);
        m.put("clusterService", kind.name().toLowerCase(Locale.ROOT));
        m.put("members", members.get());
        m.put("sellersPolledHere", ledHere(sellerIds));
        return m;
    }
}
