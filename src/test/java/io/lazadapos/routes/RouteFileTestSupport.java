package io.lazadapos.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.util.function.ThrowingConsumer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.it.TestDatabase;
import io.lazadapos.observe.OrderLogContext;
import io.lazadapos.observe.SyncMetrics;

/**
 * Base of a test for route files of routes/ as an integrator edits them: loads the named files
 * (and the settings of application.properties), gives their sql: endpoints a fresh in-memory
 * ledger with the real schema, binds the beans every file may call, and leaves the routes
 * stopped until {@link #startRoutes()}, so a test can first {@link #advise} them: replace an
 * endpoint with a mock, skip a step, intercept a call.
 *
 * <pre>
 * class MyRouteTest extends RouteFileTestSupport {
 *     protected List&lt;String&gt; routeFiles() { return List.of("pos-ledger.camel.yaml"); }
 *
 *     &#64;Test void ... {
 *         advise("pos-mark-sent", r -&gt; r.weaveAddLast().to("mock:picked-up"));
 *         startRoutes();
 *         ...
 *     }
 * }
 * </pre>
 */
public abstract class RouteFileTestSupport extends CamelTestSupport {

    /** The ledger the routes' SQL runs against (empty, migrated), and a template over it. */
    protected DataSource ledger;
    protected JdbcTemplate jdbc;

    /** File names in routes/, e.g. "pos-ledger.camel.yaml" (add "error-handling.camel.yaml" for routes that name a configuration). */
    protected abstract List<String> routeFiles();

    /** Binds the beans the loaded routes call that the default set lacks (fakes or real ones). */
    protected void bindBeans(Registry registry) {
    }

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        test.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        HikariDataSource db = TestDatabase.dataSource("routes", 4);
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        ledger = db;
        jdbc = new JdbcTemplate(db);
        context.getComponent("sql", SqlComponent.class).setDataSource(db);
        return context;
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        registry.bind("syncMetrics", new SyncMetrics(new SimpleMeterRegistry()));
        registry.bind("orderLogContext", new OrderLogContext());
        io.lazadapos.AppConfiguration.stepSelectors().forEach(registry::bind);
        bindBeans(registry);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<RoutesBuilder> builders = new ArrayList<>();
        for (String file : routeFiles()) {
            Path path = Path.of("routes", file);
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no route file " + path.toAbsolutePath());
            }
            builders.addAll(PluginHelper.getRoutesLoader(context)
                    .findRoutesBuilders(ResourceHelper.resolveMandatoryResource(context, "file:" + path)));
        }
        return builders.toArray(new RoutesBuilder[0]);
    }

    /** Changes route {@code routeId} before the routes start (AdviceWith). */
    protected void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> change) throws Exception {
        AdviceWith.adviceWith(context, routeId, change);
    }

    protected void startRoutes() {
        context.start();
    }

    @Override
    protected void doPostTearDown() throws Exception {
        if (ledger instanceof HikariDataSource db) {
            db.close();
        }
        super.doPostTearDown();
    }
}
