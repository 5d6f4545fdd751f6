package io.lazadapos.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelPreemptiveClusterView;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.master.MasterComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the cluster service the configuration names, spread by Camel's rebalancing, and hands it to {@code master:}. */
public final class ClusterSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSetup.class);

    /** The shared folder's settings. */
    public record FileOptions(Path root, Duration interval, int staleAfter) {
    }

    /** The Kubernetes settings (camel-kubernetes' KubernetesClusterService with Lease resources). */
    public record KubernetesOptions(String namespace, String leasePrefix, Map<String, String> podLabels, String masterUrl,
            Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    }

    private ClusterSetup() {
    }

    /** {@code file}, {@code kubernetes} or {@code none}. */
    public static PollLeadership.Kind kind(String name) {
        try {
            return PollLeadership.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CLUSTER_SERVICE must be file, kubernetes or none, not '" + name + "'");
        }
    }

    /** A lock folder shared by every instance (a volume they all mount). */
    public static PollLeadership file(CamelContext context, String instanceId, FileOptions options, Duration rebalance) throws Exception {
        SharedFolderClusterService folder = new SharedFolderClusterService(options.root().toAbsolutePath(), memberId(instanceId),
                options.interval(), options.staleAfter());
        folder.setCamelContext(context);
        PollLeadership[] leadership = new PollLeadership[1];
        SpreadingClusterService spread = new SpreadingClusterService(context, folder, rebalance.toMillis(),
                () -> leadership[0].namespacesInUse(), folder::peek);
        leadership[0] = new PollLeadership(PollLeadership.Kind.FILE, spread, memberId(instanceId), folder::members);
        install(context, spread);
        LOG.info("sellers' pollers: leader election by file locks in {} (instance {}, lock interval {}, a leader is taken over after {} "
                + "silent intervals)", options.root().toAbsolutePath(), memberId(instanceId), options.interval(), options.staleAfter());
        return leadership[0];
    }

    /** Kubernetes Leases, one per seller, in the pod's namespace (or the one given); members are the pods with the labels. */
    public static PollLeadership kubernetes(CamelContext context, String instanceId, KubernetesOptions options, Duration rebalance)
            throws Exception {
        KubernetesClusterService kubernetes = new KubernetesClusterService();
        kubernetes.setCamelContext(context);
        kubernetes.setId(instanceId);
        kubernetes.setPodName(instanceId);
        kubernetes.setLeaseResourceType(LeaseResourceType.Lease);
        kubernetes.setKubernetesResourceName(options.leasePrefix());
        if (options.namespace() != null && !options.namespace().isBlank()) {
            kubernetes.setKubernetesNamespace(options.namespace());
            kubernetes.setKubernetesResourcesNamespace(options.namespace());
        }
        if (options.masterUrl() != null && !options.masterUrl().isBlank()) {
            kubernetes.setMasterUrl(options.masterUrl());
        }
        kubernetes.setClusterLabels(options.podLabels());
        kubernetes.setLeaseDurationMillis(options.leaseDuration().toMillis());
        kubernetes.setRenewDeadlineMillis(options.renewDeadline().toMillis());
        kubernetes.setRetryPeriodMillis(options.retryPeriod().toMillis());
        PollLeadership[] leadership = new PollLeadership[1];
        SpreadingClusterService spread = new SpreadingClusterService(context, kubernetes, rebalance.toMillis(),
                () -> leadership[0].namespacesInUse(), namespace -> peek(kubernetes, namespace));
        leadership[0] = new PollLeadership(PollLeadership.Kind.KUBERNETES, spread, instanceId, () -> members(kubernetes, leadership[0]));
        install(context, spread);
        LOG.info("sellers' pollers: leader election by Kubernetes Leases {}-<seller> (pod {}, pods labelled {})", options.leasePrefix(),
                instanceId, options.podLabels());
        return leadership[0];
    }

    /** {@code app=lazada-pos-sync,tier=sync} as a map. */
    public static Map<String, String> labels(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("CLUSTER_KUBERNETES_LABELS: '" + p + "' is not name=value");
            }
            m.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return m;
    }

    private static CamelPreemptiveClusterView peek(KubernetesClusterService kubernetes, String namespace) {
        try {
            // A namespace in use holds a reference already: this one is given back at once.
            CamelPreemptiveClusterView view = kubernetes.getView(namespace);
            kubernetes.releaseView(view);
            return view;
        } catch (Exception e) {
            return null;
        }
    }

    private static List<String> members(KubernetesClusterService kubernetes, PollLeadership leadership) {
        for (String namespace : leadership.namespacesInUse()) {
            CamelPreemptiveClusterView view = peek(kubernetes, namespace);
            if (view != null) {
                return view.getMembers().stream().map(m -> m.getId()).sorted().toList();
            }
        }
        return List.of(leadership.instanceId());
    }

    private static void install(CamelContext context, org.apache.camel.cluster.CamelClusterService service) throws Exception {
        context.addService(service, true, true);
        context.getComponent("master", MasterComponent.class).setService(service);
    }

    /** An instance id as a file name. */
    static String memberId(String instanceId) {
        return instanceId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
