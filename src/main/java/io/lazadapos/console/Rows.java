package io.lazadapos.console;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/** Reading ledger rows the way the API shows them: instants in UTC ISO-8601, money as decimal strings. */
final class Rows {

    private Rows() {
    }

    static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }

    static String money(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /** Column names in any case (databases differ). */
    static Map<String, Object> caseless(Map<String, Object> row) {
        Map<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.putAll(row);
        return m;
    }
}
