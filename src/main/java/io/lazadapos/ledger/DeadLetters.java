package io.lazadapos.ledger;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Input that could not be processed, kept with its error where an operator can see it. */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_PAYLOAD = 1_100_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DeadLetters(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the input and its error; answers the dead letter's id. */
    public long record(String sellerId, String orderId, String source, Throwable error, String payload) {
        error = withoutWrappers(error);
        String errorClass = error == null ? "unknown" : error.getClass().getName();
        String message = error == null ? null : String.valueOf(error.getMessage());
        return record(sellerId, orderId, source, errorClass, message, payload);
    }

    /** Records the input and its error; answers the dead letter's id. */
    public long record(String sellerId, String orderId, String source, String errorClass, String message, String payload) {
        LOG.warn("dead letter: {} from {} for order {} of seller {}: {}", errorClass, source, orderId, sellerId, message);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO dead_letter (seller_id, order_id, source, error_class, error_message, "
                    + "payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, sellerId);
            ps.setString(2, orderId);
            ps.setString(3, source);
            ps.setString(4, errorClass);
            ps.setString(5, cut(message, MAX_MESSAGE));
            ps.setString(6, cut(payload, MAX_PAYLOAD));
            ps.setObject(7, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            return ps;
        }, key);
        return generatedId(key);
    }

    // Drivers differ in what they hand back (HSQLDB the identity column, PostgreSQL the whole row).
    private static long generatedId(KeyHolder key) {
        for (Map<String, Object> row : key.getKeyList()) {
            for (Map.Entry<String, Object> column : row.entrySet()) {
                if ("id".equalsIgnoreCase(column.getKey()) && column.getValue() instanceof Number n) {
                    return n.longValue();
                }
            }
            if (row.size() == 1 && row.values().iterator().next() instanceof Number n) {
                return n.longValue();
            }
        }
        return -1;
    }

    /** An order snapshot that failed: the snapshot itself is the payload an operator replays from. */
    public long recordSnapshot(Object snapshot, Throwable error) {
        String sellerId = null;
        String orderId = null;
        String source = "unknown";
        String payload = null;
        if (snapshot instanceof io.lazadapos.flow.OrderSnapshot s) {
            sellerId = s.sellerId();
            orderId = s.orderId();
            source = s.source();
            try {
                payload = JSON.writeValueAsString(s);
            } catch (Exception e) {
                payload = s.toString();
            }
        } else if (snapshot != null) {
            payload = snapshot.toString();
        }
        return record(sellerId, orderId, source, error, payload);
    }

    /** Snapshots of a batch that could not be planned (bad data). */
    public void recordRejected(java.util.List<io.lazadapos.flow.BatchPlan.Rejected> rejected) {
        rejected.forEach(r -> recordSnapshot(r.snapshot(), r.error()));
    }

    /** A return case that could not be stored or applied. */
    public void recordReturn(io.lazadapos.flow.ReturnCase returnCase, Throwable error) {
        String payload;
        try {
            payload = JSON.writeValueAsString(returnCase);
        } catch (Exception e) {
            payload = String.valueOf(returnCase);
        }
        record(returnCase.sellerId(), returnCase.orderId(), "returns", error, payload);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Long.class);
        return n == null ? 0 : n;
    }

    /** The failure itself, not the integration framework's wrappers around it (org.apache.camel.*). */
    static Throwable withoutWrappers(Throwable error) {
        Throwable t = error;
        while (t != null && t.getCause() != null && t.getCause() != t && t.getClass().getName().startsWith("org.apache.camel.")) {
            t = t.getCause();
        }
        return t;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
