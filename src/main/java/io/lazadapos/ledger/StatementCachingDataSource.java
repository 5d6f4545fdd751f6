package io.lazadapos.ledger;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Keeps each connection's prepared statements open for the next use of the same SQL.
 *
 * <p>HSQLDB compiles a statement again for every {@code prepareStatement}: its compiled form lives
 * only as long as the JDBC statement, and the pool and Spring close the statement after each use.
 * The POS steps run the same few dozen statements for every batch, so a connection keeps them
 * (up to {@link #PER_CONNECTION}) and a statement's {@code close()} only clears its parameters and
 * batch. They are closed with their connection. PostgreSQL's driver caches server-side statements
 * itself; this wrapper is for HSQLDB.
 */
public final class StatementCachingDataSource implements DataSource {

    /** How many statements a connection keeps (the least recently used one is closed beyond). */
    static final int PER_CONNECTION = 96;

    private final DataSource target;

    public StatementCachingDataSource(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return caching(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return caching(target.getConnection(username, password));
    }

    private static Connection caching(Connection physical) {
        return (Connection) Proxy.newProxyInstance(StatementCachingDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                new CachingConnection(physical));
    }

    /** The key of a prepared statement: its SQL and the arguments of prepareStatement after it. */
    private record Key(String method, List<Object> args) {
    }

    private static final class CachingConnection implements InvocationHandler {
        private final Connection physical;
        private final Map<Key, CachedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);

        CachingConnection(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("prepareStatement") && args != null && args[0] instanceof String) {
                return prepare(method, args);
            }
            if (name.equals("close")) {
                closeStatements();
            } else if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(proxy)) {
                return proxy;
            } else if (name.equals("isWrapperFor") && ((Class<?>) args[0]).isInstance(proxy)) {
                return true;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private Object prepare(Method method, Object[] args) throws Throwable {
            Key key = new Key(method.getName(), Arrays.asList(args));
            CachedStatement cached = statements.get(key);
            if (cached != null && !cached.inUse) {
                cached.inUse = true;
                return cached.proxy;
            }
            PreparedStatement fresh;
            try {
                fresh = (PreparedStatement) method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (cached != null) {
                // The same SQL twice at once on this connection: the second one is not kept.
                return fresh;
            }
            CachedStatement c = new CachedStatement(fresh);
            c.inUse = true;
            statements.put(key, c);
            evictBeyondLimit();
            return c.proxy;
        }

        private void evictBeyondLimit() {
            Iterator<CachedStatement> it = statements.values().iterator();
            while (statements.size() > PER_CONNECTION && it.hasNext()) {
                CachedStatement oldest = it.next();
                if (!oldest.inUse) {
                    it.remove();
                    oldest.closeQuietly();
                }
            }
        }

        private void closeStatements() {
            statements.values().forEach(CachedStatement::closeQuietly);
            statements.clear();
        }
    }

    /** A kept statement: close() makes it ready for the next use instead of closing it. */
    private static final class CachedStatement implements InvocationHandler {
        private final PreparedStatement statement;
        private final PreparedStatement proxy;
        private boolean inUse;
        private boolean settingsChanged;

        CachedStatement(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCachingDataSource.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object p, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close" -> {
                    if (inUse) {
                        inUse = false;
                        statement.clearBatch();
                        statement.clearParameters();
                        if (settingsChanged) {
                            statement.setMaxRows(0);
                            statement.setQueryTimeout(0);
                            statement.setFetchSize(0);
                            settingsChanged = false;
                        }
                    }
                    return null;
                }
                case "isClosed" -> {
                    return !inUse || statement.isClosed();
                }
                case "setMaxRows", "setQueryTimeout", "setFetchSize", "setLargeMaxRows" -> settingsChanged = true;
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(p)) {
                        return p;
                    }
                }
                case "isWrapperFor" -> {
                    if (((Class<?>) args[0]).isInstance(p)) {
                        return true;
                    }
                }
                default -> {
                }
            }
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        void closeQuietly() {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is going away
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
