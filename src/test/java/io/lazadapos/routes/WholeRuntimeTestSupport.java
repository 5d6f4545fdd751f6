package io.lazadapos.routes;

import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.App;
import io.lazadapos.it.RunningApp;

/**
 * A route test over the whole runtime (every route file, the real beans) on a fresh ledger, with
 * the settings every test starts from; subclasses mock what they isolate.
 */
abstract class WholeRuntimeTestSupport extends CamelMainTestSupport {

    @Override
    protected Class<?> getMainClass() {
        return App.class;
    }

    @Override
    public void configureContext(CamelContextConfiguration context) {
        super.configureContext(context);
        Properties p = new Properties();
        p.putAll(RunningApp.defaults());
        context.withUseOverridePropertiesWithPropertiesComponent(p);
    }

    protected JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("ledgerDataSource", DataSource.class));
    }
}
