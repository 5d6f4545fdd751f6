package io.lazadapos.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Where an order stands after an operator's action: its stage and tab (empty when the ledger does not hold it). */
final class OrderPosition {

    private OrderPosition() {
    }

    static Map<String, Object> of(JdbcTemplate jdbc, String sellerId, String orderId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT stage, tab FROM pos_order WHERE seller_id = ? AND order_id = ?",
                sellerId, orderId);
        Map<String, Object> m = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            Map<String, Object> r = Rows.caseless(rows.get(0));
            m.put("stage", r.get("stage"));
            m.put("tab", r.get("tab"));
        }
        return m;
    }
}
