package io.lazadapos.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelPreemptiveClusterService;
import org.apache.camel.cluster.CamelPreemptiveClusterView;
import org.apache.camel.support.cluster.RebalancingCamelClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's {@link RebalancingCamelClusterService} over a preemptive cluster service (the shared
 * folder's, or Kubernetes leases), limited to the namespaces in use (the pollers of the sellers
 * this runtime syncs now) and looking at their views without taking references to them (a
 * removed seller's namespace is released for good). Each instance leads its share of the
 * namespaces: the same number, or one more.
 */
public final class SpreadingClusterService extends RebalancingCamelClusterService {

    private static final Logger LOG = LoggerFactory.getLogger(SpreadingClusterService.class);

    private final Supplier<Set<String>> inUse;
    private final Function<String, CamelPreemptiveClusterView> peek;

    public SpreadingClusterService(CamelContext context, CamelPreemptiveClusterService delegate, long periodMillis,
            Supplier<Set<String>> inUse, Function<String, CamelPreemptiveClusterView> peek) {
        super(context, delegate, periodMillis);
        this.inUse = inUse;
        this.peek = peek;
    }

    @Override
    protected List<String> partitionList() {
        Set<String> used = inUse.get();
        List<String> partitions = new ArrayList<>(getNamespaces().stream().filter(used::contains).toList());
        Collections.sort(partitions);
        return partitions;
    }

    @Override
    protected Integer members() {
        Set<String> members = null;
        for (String namespace : partitionList()) {
            CamelPreemptiveClusterView view = peek.apply(namespace);
            if (view == null) {
                return null;
            }
            Set<String> ids = view.getMembers().stream().map(CamelClusterMember::getId).collect(Collectors.toSet());
            if (members != null && !members.equals(ids)) {
                return null;
            }
            members = ids;
        }
        return members == null ? 0 : members.size();
    }

    @Override
    protected List<String> owned(List<String> partitions) {
        List<String> owned = new ArrayList<>(partitions.size());
        for (String partition : partitions) {
            CamelPreemptiveClusterView view = peek.apply(partition);
            if (view == null) {
                return null;
            }
            if (!view.isDisabled() && view.getLocalMember().isLeader()) {
                owned.add(partition);
            }
        }
        return owned;
    }

    @Override
    protected void setDisabled(String partition, boolean disabled) {
        CamelPreemptiveClusterView view = peek.apply(partition);
        if (view != null && view.isDisabled() != disabled) {
            LOG.debug("{} {}", disabled ? "releasing" : "competing for", partition);
            view.setDisabled(disabled);
        }
    }

    @Override
    protected void reconcile() {
        // Stopping (or stopped): the executor is gone, and there is nothing left to spread.
        if (serializedExecutor == null || !isRunAllowed()) {
            return;
        }
        try {
            super.reconcile();
        } catch (RuntimeException e) {
            if (serializedExecutor == null || !isRunAllowed()) {
                return;
            }
            // One failed look must not end the rebalancing: the next period looks again.
            LOG.warn("rebalancing the pollers failed: {}", e.toString());
            serializedExecutor.schedule(this::reconcile, getPeriodMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
