package io.lazadapos.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The reconciliation sweeps in the ledger ({@code reconciliation_run}): when each ran, over which
 * window, and what it found and repaired. The sync log of the console reads {@link #recent(int)}.
 */
public final class ReconciliationRuns {

    /** What a sweep found: one order counts once, in the first category it falls into. */
    public record Counts(int checked, int missing, int wrongStatus, int wrongStage, int repaired, int unrepaired) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

        public int found() {
            return missing + wrongStatus + wrongStage;
        }
    }

    private static final String COLUMNS = "id, seller_id, trigger_source, days_back, window_start, window_end, run_state, checked, missing, "
            + "wrong_status, wrong_stage, repaired, unrepaired, started_at, finished_at, error_message";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReconciliationRuns(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sweeps that were running when the process stopped will never finish: they are marked so. */
    public int failInterrupted() {
        return jdbc.update("UPDATE reconciliation_run SET run_state = 'FAILED', finished_at = ?, "
                + "error_message = 'interrupted: the runtime stopped during the sweep' WHERE run_state = 'RUNNING'", now());
    }

    public long start(String sellerId, String trigger, int days, Instant windowStart, Instant windowEnd) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO reconciliation_run (seller_id, trigger_source, days_back, window_start, "
                    + "window_end, run_state, started_at) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?)", new String[] {"id"});
            ps.setString(1, sellerId);
            ps.setString(2, trigger);
            ps.setInt(3, days);
            ps.setObject(4, utc(windowStart));
            ps.setObject(5, utc(windowEnd));
            ps.setObject(6, now());
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    /** Counts so far (a running sweep shows its progress). */
    public void progress(long id, Counts c) {
        jdbc.update("UPDATE reconciliation_run SET checked = ?, missing = ?, wrong_status = ?, wrong_stage = ?, repaired = ?, unrepaired = ? "
                + "WHERE id = ?", c.checked(), c.missing(), c.wrongStatus(), c.wrongStage(), c.repaired(), c.unrepaired(), id);
    }

    public void finish(long id, Counts c) {
        progress(id, c);
        jdbc.update("UPDATE reconciliation_run SET run_state = 'DONE', finished_at = ? WHERE id = ?", now(), id);
    }

    public void fail(long id, Counts c, String error) {
        progress(id, c);
        jdbc.update("UPDATE reconciliation_run SET run_state = 'FAILED', finished_at = ?, error_message = ? WHERE id = ?",
                now(), error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error, id);
    }

    /** One sweep, or null. */
    public Map<String, Object> find(long id) {
        List<Map<String, Object>> rows = jdbc.query("SELECT " + COLUMNS + " FROM reconciliation_run WHERE id = ?", ReconciliationRuns::row, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The sweeps started in the last {@code days} days, newest first: for the console's sync log. */
    public List<Map<String, Object>> recent(int days) {
        return recent(days, null);
    }

    /** The sweeps of the last days, newest first; of one seller when {@code sellerId} is given. */
    public List<Map<String, Object>> recent(int days, String sellerId) {
        OffsetDateTime since = now().minus(Duration.ofDays(Math.max(1, Math.min(366, days))));
        if (sellerId != null && !sellerId.isBlank()) {
            return jdbc.query("SELECT " + COLUMNS + " FROM reconciliation_run WHERE seller_id = ? AND started_at >= ? "
                    + "ORDER BY started_at DESC, id DESC", ReconciliationRuns::row, sellerId.trim(), since);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM reconciliation_run WHERE started_at >= ? ORDER BY started_at DESC, id DESC",
                ReconciliationRuns::row, since);
    }

    public Optional<Map<String, Object>> running(String sellerId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM reconciliation_run WHERE seller_id = ? AND run_state = 'RUNNING' ORDER BY id",
                ReconciliationRuns::row, sellerId).stream().findFirst();
    }

    /** When the seller's last sweep started (finished or not), or null. */
    public Instant lastStarted(String sellerId) {
        List<OffsetDateTime> t = jdbc.queryForList("SELECT MAX(started_at) FROM reconciliation_run WHERE seller_id = ?",
                OffsetDateTime.class, sellerId);
        return t.isEmpty() || t.get(0) == null ? null : t.get(0).toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Map<String, Object> row(ResultSet rs, int n) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getLong("id"));
        m.put("sellerId", rs.getString("seller_id"));
        m.put("trigger", rs.getString("trigger_source"));
        m.put("days", rs.getInt("days_back"));
        m.put("windowStart", instant(rs, "window_start"));
        m.put("windowEnd", instant(rs, "window_end"));
        m.put("state", rs.getString("run_state"));
        m.put("checked", rs.getInt("checked"));
        m.put("missing", rs.getInt("missing"));
        m.put("wrongStatus", rs.getInt("wrong_status"));
        m.put("wrongStage", rs.getInt("wrong_stage"));
        m.put("repaired", rs.getInt("repaired"));
        m.put("unrepaired", rs.getInt("unrepaired"));
        m.put("startedAt", instant(rs, "started_at"));
        m.put("finishedAt", instant(rs, "finished_at"));
        m.put("error", rs.getString("error_message"));
        return m;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
