package io.lazadapos.console;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.flow.Tab;

/** How many orders each tab holds, with the queues an operator watches beside them. */
public final class TabCounts {

    private static final Map<Tab, String> LABELS = new EnumMap<>(Map.of(
            Tab.UNPAID, "Unpaid",
            Tab.NEW_ORDER, "New Order",
            Tab.IN_DELIVERY, "In Delivery",
            Tab.CANCELED, "Canceled",
            Tab.COMPLAINED, "Complained",
            Tab.UNMAPPED, "Unmapped"));

    private final JdbcTemplate jdbc;

    TabCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String label(Tab tab) {
        return LABELS.get(tab);
    }

    public Map<String, Object> counts(String sellerId) {
        boolean bySeller = sellerId != null && !sellerId.isBlank();
        Object[] args = bySeller ? new Object[] {sellerId} : new Object[0];
        Map<String, Long> byTab = new LinkedHashMap<>();
        jdbc.query("SELECT tab, COUNT(*) FROM pos_order" + (bySeller ? " WHERE seller_id = ?" : "") + " GROUP BY tab",
                rs -> {
                    byTab.put(rs.getString(1), rs.getLong(2));
                }, args);
        List<Map<String, Object>> tabs = new ArrayList<>();
        long total = 0;
        for (Tab tab : Tab.values()) {
            long n = byTab.getOrDefault(tab.name(), 0L);
            total += n;
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("tab", tab.name());
            t.put("label", LABELS.get(tab));
            t.put("count", n);
            tabs.add(t);
        }
        String seller = bySeller ? " AND seller_id = ?" : "";
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tabs", tabs);
        answer.put("orders", total);
        answer.put("openReviews", count("SELECT COUNT(*) FROM review WHERE resolved_at IS NULL" + seller, args));
        answer.put("recycleBin", count("SELECT COUNT(*) FROM invoice WHERE recycled = TRUE" + seller, args));
        answer.put("openDeadLetters", count("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL" + seller, args));
        return answer;
    }

    private long count(String sql, Object[] args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
