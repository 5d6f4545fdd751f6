package io.lazadapos.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.cluster.CamelPreemptiveClusterService;
import org.apache.camel.cluster.CamelPreemptiveClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's file-lock cluster service (camel-file's {@link FileLockClusterService}: one lock file
 * per namespace in a folder every instance shares) made preemptive, so that Camel's rebalancing
 * can spread the namespaces over the instances:
 * <ul>
 * <li>a view can be disabled: its lock is released (its consumers stop first) and it stops
 * competing until enabled again;</li>
 * <li>every view knows the members: the instances holding a member file in the same folder
 * ({@link SharedFolderMembers}).</li>
 * </ul>
 * Who leads a namespace is decided by the file lock alone, as in Camel; an instance that dies
 * loses its locks with its process, and another one takes over once the dead leader's heartbeat
 * is stale ({@code interval} times {@code staleAfter}).
 */
public final class SharedFolderClusterService extends ServiceSupport implements CamelPreemptiveClusterService {

    private static final Logger LOG = LoggerFactory.getLogger(SharedFolderClusterService.class);

    private final FileLockClusterService files = new FileLockClusterService();
    private final SharedFolderMembers members;
    private final Duration interval;
    private final Map<String, View> views = new HashMap<>();
    private CamelContext context;
    private ScheduledExecutorService membership;

    /**
     * @param root       the shared folder
     * @param memberId   this instance's name (distinct for every instance)
     * @param interval   how often locks are tried and the leader's heartbeat written
     * @param staleAfter a leader whose heartbeat is older than this many intervals is taken over
     */
    public SharedFolderClusterService(Path root, String memberId, Duration interval, int staleAfter) {
        this.members = new SharedFolderMembers(root, memberId);
        this.interval = interval;
        files.setId(memberId);
        files.setRoot(root.toString());
        files.setAcquireLockDelay(Math.max(100, interval.toMillis() / 2), TimeUnit.MILLISECONDS);
        files.setAcquireLockInterval(interval.toMillis(), TimeUnit.MILLISECONDS);
        files.setHeartbeatTimeoutMultiplier(Math.max(2, staleAfter));
    }

    public Path root() {
        return Path.of(files.getRoot());
    }

    /** The instances holding a member file now (this one included). */
    public List<String> members() {
        return new ArrayList<>(members.current());
    }

    @Override
    protected void doStart() throws Exception {
        members.start();
        files.setCamelContext(context);
        ServiceHelper.startService(files);
        membership = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "cluster-members");
        membership.scheduleWithFixedDelay(members::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (membership != null) {
            context.getExecutorServiceManager().shutdownNow(membership);
            membership = null;
        }
        ServiceHelper.stopService(files);
        members.stop();
    }

    @Override
    public synchronized CamelPreemptiveClusterView getView(String namespace) throws Exception {
        View view = views.get(namespace);
        if (view == null) {
            view = new View(namespace, files.getView(namespace));
            view.setCamelContext(context);
            ServiceHelper.startService(view);
            views.put(namespace, view);
        }
        view.references++;
        return view;
    }

    /** The view of a namespace in use, without taking a reference (the rebalancing looks, it does not use). */
    public synchronized CamelPreemptiveClusterView peek(String namespace) {
        return views.get(namespace);
    }

    @Override
    public synchronized void releaseView(CamelClusterView released) throws Exception {
        View view = views.get(released.getNamespace());
        if (view == null || --view.references > 0) {
            return;
        }
        views.remove(released.getNamespace());
        ServiceHelper.stopService(view);
        files.releaseView(view.files);
    }

    @Override
    public synchronized Collection<String> getNamespaces() {
        return new ArrayList<>(views.keySet());
    }

    @Override
    public void startView(String namespace) throws Exception {
        files.startView(namespace);
    }

    @Override
    public void stopView(String namespace) throws Exception {
        files.stopView(namespace);
    }

    @Override
    public synchronized boolean isLeader(String namespace) {
        View view = views.get(namespace);
        return view != null && view.getLocalMember().isLeader();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setId(String id) {
        // the member id is given at construction
    }

    @Override
    public String getId() {
        return members.memberId();
    }

    /** One namespace: the file lock's view, which the rebalancing may disable. */
    private final class View extends AbstractCamelClusterView implements CamelPreemptiveClusterView {

        private final CamelClusterView files;
        private final Member local = new Member();
        private volatile boolean disabled;
        private int references;
        private final CamelClusterEventListener.Leadership forward = (view, leader) -> leadershipChanged();

        View(String namespace, CamelClusterView files) {
            super(SharedFolderClusterService.this, namespace);
            this.files = files;
            files.addEventListener(forward);
        }

        private void leadershipChanged() {
            if (!disabled) {
                fireLeadershipChangedEvent(local.isLeader() ? local : null);
            }
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return local.isLeader() ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            List<CamelClusterMember> all = new ArrayList<>();
            for (String id : members.current()) {
                all.add(id.equals(members.memberId()) ? local : new Remote(id));
            }
            return all;
        }

        @Override
        public boolean isDisabled() {
            return disabled;
        }

        @Override
        public synchronized void setDisabled(boolean disable) {
            if (disable == disabled) {
                return;
            }
            try {
                if (disable) {
                    boolean wasLeader = local.isLeader();
                    disabled = true;
                    // The consumers stop first, then the lock goes (to another instance).
                    fireLeadershipChangedEvent((CamelClusterMember) null);
                    SharedFolderClusterService.this.stopView(getNamespace());
                    if (wasLeader) {
                        LOG.info("{} handed over: this instance leads its share of the namespaces", getNamespace());
                    }
                } else {
                    disabled = false;
                    SharedFolderClusterService.this.startView(getNamespace());
                }
            } catch (Exception e) {
                LOG.warn("cannot {} {}: {}", disable ? "release" : "compete for", getNamespace(), e.toString());
            }
        }

        @Override
        protected void doStop() {
            files.removeEventListener(forward);
        }

        private final class Member implements CamelClusterMember {
            @Override
            public boolean isLeader() {
                return !disabled && files.getLocalMember().isLeader();
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return members.memberId();
            }
        }
    }

    private record Remote(String id) implements CamelClusterMember {
        @Override
        public boolean isLeader() {
            return false;
        }

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public String getId() {
            return id;
        }
    }
}
