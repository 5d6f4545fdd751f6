package io.lazadapos.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A connection keeps its prepared statements for the next use of the same SQL, clean each time. */
class StatementCachingDataSourceTest {

    private StatementCachingDataSource dataSource;

    @BeforeEach
    void database() throws SQLException {
        JDBCDataSource hsqldb = new JDBCDataSource();
        hsqldb.setUrl("jdbc:hsqldb:mem:statements-" + System.nanoTime());
        hsqldb.setUser("SA");
        dataSource = new StatementCachingDataSource(hsqldb);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))");
        }
    }

    @Test
    void theSameSqlGetsTheSameStatementBackWithNoParametersOrBatchLeft() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement first = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
            first.setInt(1, 1);
            first.setString(2, "a");
            first.addBatch();
            first.setInt(1, 2);
            first.setString(2, "b");
            first.addBatch();
            assertThat(first.executeBatch()).containsExactly(1, 1);
            first.setInt(1, 3);
            first.addBatch(); // left in the batch, then closed: not executed later
            first.close();
            assertThat(first.isClosed()).isTrue();

            PreparedStatement again = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
            assertThat(again).isSameAs(first);
            assertThat(again.isClosed()).isFalse();
            assertThat(again.executeBatch()).isEmpty();
            assertThatThrownBy(again::executeUpdate).isInstanceOf(SQLException.class); // its parameters were cleared
            again.close();
            assertThat(count(c)).isEqualTo(2);
        }
    }

    @Test
    void twoOpenAtOnceAreTwoStatementsAndEveryOneClosesWithItsConnection() throws SQLException {
        PreparedStatement kept;
        PreparedStatement second;
        try (Connection c = dataSource.getConnection()) {
            kept = c.prepareStatement("SELECT COUNT(*) FROM t");
            second = c.prepareStatement("SELECT COUNT(*) FROM t");
            assertThat(second).isNotSameAs(kept);
            try (ResultSet a = kept.executeQuery(); ResultSet b = second.executeQuery()) {
                assertThat(a.next() && b.next()).isTrue();
            }
            second.close();
            kept.close();
        }
        // Closed for real with the connection (the pool closes a connection it retires).
        assertThatThrownBy(kept::executeQuery).isInstanceOf(SQLException.class);
        assertThatThrownBy(second::executeQuery).isInstanceOf(SQLException.class);
    }

    @Test
    void aKeptStatementStillWorksAfterTheSchemaChanged() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)");
            insert.setInt(1, 1);
            insert.setString(2, "a");
            insert.executeUpdate();
            insert.close();
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE t ADD COLUMN w VARCHAR(10) DEFAULT 'x'");
            }
            PreparedStatement again = c.prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)");
            again.setInt(1, 2);
            again.setString(2, "b");
            assertThat(again.executeUpdate()).isEqualTo(1);
            again.close();
            assertThat(count(c)).isEqualTo(2);
        }
    }

    @Test
    void aStatementWithOtherSettingsIsResetBeforeItsNextUse() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (int i = 1; i <= 3; i++) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, 'v')")) {
                    p.setInt(1, i);
                    p.executeUpdate();
                }
            }
            PreparedStatement select = c.prepareStatement("SELECT id FROM t ORDER BY id");
            select.setMaxRows(1);
            select.close();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM t ORDER BY id"); ResultSet rs = p.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(3);
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
