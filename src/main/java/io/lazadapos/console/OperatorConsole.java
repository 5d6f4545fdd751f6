package io.lazadapos.console;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.lazadapos.api.OrderViews;
import io.lazadapos.cluster.PollLeadership;
import io.lazadapos.sellers.SellerDirectory;
import io.lazadapos.observe.InboxBacklog;
import io.lazadapos.observe.LazadaProbe;
import io.lazadapos.observe.PollFreshnessCheck;
import io.lazadapos.observe.RouteReloads;
import io.lazadapos.observe.SyncMetrics;
import io.lazadapos.sync.OrderPoll;
import io.lazadapos.sync.SyncHealth;

/**
 * Builds the beans behind the operator's console (routes/console-api.camel.yaml and the
 * dashboard) and binds them by the names the routes use.
 */
public final class OperatorConsole {

    /** What the console reads and acts on. */
    public record Parts(CamelContext context, DataSource dataSource, Clock clock, SellerDirectory sellers, PollLeadership leadership,
            OrderViews orderViews, OrderPoll poll, SyncHealth syncHealth, boolean pollEnabled, Duration pollInterval,
            PollFreshnessCheck freshness, InboxBacklog inbox, Function<String, LazadaProbe> lazada, SyncMetrics metrics, RouteReloads reloads,
            Duration maxResyncWindow) {

        String sellerId() {
            return sellers.defaultSeller();
        }
    }

    private OperatorConsole() {
    }

    public static void bind(Parts p) {
        CamelContext context = p.context();
        JdbcTemplate jdbc = new JdbcTemplate(p.dataSource());
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(p.dataSource()));
        ProducerTemplate producer = context.createProducerTemplate();
        OrderLock lock = new OrderLock(jdbc, p.sellerId());
        OperatorEvents events = new OperatorEvents(jdbc, p.metrics());
        ExecutorService resyncThread = context.getExecutorServiceManager().newSingleThreadExecutor(OperatorConsole.class, "window-resync");

        context.getRegistry().bind("tabCounts", new TabCounts(jdbc));
        context.getRegistry().bind("syncLog", new SyncLog(jdbc, seller -> p.sellers().offsetOf(p.sellers().orDefault(seller)), p.clock()));
        context.getRegistry().bind("recycleBin", new RecycleBin(jdbc, transaction, lock, events, p.clock()));
        context.getRegistry().bind("reviewQueue", new ReviewQueue(jdbc, transaction, lock, events, p.clock()));
        context.getRegistry().bind("deadLetterQueue", new DeadLetterQueue(jdbc, new OrderRefetch(producer), p.sellerId(), p.clock()));
        context.getRegistry().bind("resyncs", new Resyncs(producer, p.poll(), p.orderViews(), resyncThread, p.sellerId(),
                p.sellers()::offsetOf, p.maxResyncWindow(), p.clock()));
        context.getRegistry().bind("syncHealthReport", new SyncHealthReport(context, jdbc, p.sellers(), p.leadership(), p.pollInterval(), p.pollEnabled(),
                p.syncHealth(), p.poll(), p.freshness(), p.inbox(), p.lazada(), p.metrics(), p.reloads(), p.clock()));
        context.getRegistry().bind("dashboardAssets", new DashboardAssets());
    }
}
