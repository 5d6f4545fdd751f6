package io.lazadapos.api;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.flow.Tab;

/**
 * The read side of the ledger as the API shows it: one order with its documents, lines and
 * reviews; pages of a tab; an order's ledger events. Amounts are decimal strings.
 */
public final class OrderViews {

    private static final String ORDER_COLUMNS = "SELECT o.seller_id, o.order_id, o.order_number, o.lazada_statuses, o.stage, o.tab, "
            + "o.lazada_updated_at, o.business_date, "
            + "s.number AS so_number, s.status AS so_status, "
            + "i.number AS inv_number, i.payment_status, i.delivery_status, i.recycled, i.recycle_reason, i.currency AS inv_currency, i.total AS inv_total, "
            + "st.gross AS st_gross, st.fees AS st_fees, st.refunds AS st_refunds, st.net AS st_net, st.status AS st_status, "
            + "st.statement AS st_statement, st.settled_at AS st_settled_at ";
    private static final String ORDER_JOINS = "FROM pos_order o "
            + "LEFT JOIN sales_order s ON s.seller_id = o.seller_id AND s.order_id = o.order_id "
            + "LEFT JOIN invoice i ON i.seller_id = o.seller_id AND i.order_id = o.order_id "
            + "LEFT JOIN invoice_settlement st ON st.seller_id = o.seller_id AND st.order_id = o.order_id ";

    private final JdbcTemplate jdbc;
    private final String defaultSeller;

    public OrderViews(JdbcTemplate jdbc, String defaultSeller) {
        this.jdbc = jdbc;
        this.defaultSeller = defaultSeller;
    }

    private record Key(String sellerId, String orderId) {
    }

    /** One order, or null. With several sellers holding the id, {@code sellerId} decides; without it the answer is 409 (ambiguous_order). */
    public Map<String, Object> order(String orderId, String sellerId) {
        if (orderId == null || orderId.isBlank()) {
            return null;
        }
        List<Map<String, Object>> found = sellerId == null || sellerId.isBlank()
                ? load(ORDER_COLUMNS + ORDER_JOINS + "WHERE o.order_id = ? ORDER BY o.seller_id", orderId)
                : load(ORDER_COLUMNS + ORDER_JOINS + "WHERE o.order_id = ? AND o.seller_id = ?", orderId, sellerId);
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() > 1) {
            // Order ids are only unique within a seller: the caller names the one it means.
            List<String> holders = found.stream().map(o -> (String) o.get("sellerId")).toList();
            throw new ApiProblem(409, "ambiguous_order", "order " + orderId + " exists for sellers " + String.join(", ", holders)
                    + ": name one with ?seller=");
        }
        return found.get(0);
    }

    /** A page of the orders of a tab (all tabs when {@code tab} is blank), newest Lazada update first. */
    public Map<String, Object> orders(String tab, String sellerId, Integer limit, Integer offset) {
        int lim = limit == null ? 50 : Math.max(1, Math.min(500, limit));
        int off = offset == null ? 0 : Math.max(0, offset);
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (tab != null && !tab.isBlank()) {
            String t = tab.trim().toUpperCase(Locale.ROOT);
            try {
                Tab.valueOf(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown tab '" + tab + "' (expected one of " + Arrays.toString(Tab.values()) + ")");
            }
            where.append(" AND o.tab = ?");
            args.add(t);
        }
        if (sellerId != null && !sellerId.isBlank()) {
            where.append(" AND o.seller_id = ?");
            args.add(sellerId);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM pos_order o" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(lim);
        pageArgs.add(off);
        List<Map<String, Object>> orders = load(ORDER_COLUMNS + ORDER_JOINS + where
                + " ORDER BY o.lazada_updated_at DESC, o.order_id LIMIT ? OFFSET ?", pageArgs.toArray());
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", total == null ? 0 : total);
        page.put("orders", orders);
        return page;
    }

    /** The ledger events of an order, oldest first; null when the order is unknown. */
    public List<Map<String, Object>> events(String orderId, String sellerId) {
        Map<String, Object> order = order(orderId, sellerId);
        if (order == null) {
            return null;
        }
        return jdbc.query("SELECT type, subject, occurred_at, source, note FROM ledger_event WHERE seller_id = ? AND order_id = ? ORDER BY id",
                (rs, n) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("type", rs.getString("type"));
                    e.put("at", instant(rs, "occurred_at"));
                    e.put("source", rs.getString("source"));
                    String subject = rs.getString("subject");
                    if (subject != null && !subject.isEmpty()) {
                        e.put("subject", subject);
                    }
                    String note = rs.getString("note");
                    if (note != null) {
                        e.put("note", note);
                    }
                    return e;
                }, order.get("sellerId"), orderId);
    }

    /**
     * These orders as {@code GET /api/orders/{orderId}?seller=} shows each, by "sellerId/orderId";
     * an order the ledger does not hold is left out. A few queries for all of them.
     *
     * @param keys pairs of seller id and order id
     */
    public Map<String, Map<String, Object>> ordersByKey(java.util.Collection<String[]> keys) {
        Map<String, Map<String, Object>> views = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return views;
        }
        java.util.Set<Key> wanted = new java.util.HashSet<>();
        keys.forEach(k -> wanted.add(new Key(k[0], k[1])));
        List<Object> ids = wanted.stream().map(Key::orderId).distinct().map(id -> (Object) id).toList();
        List<Map<String, Object>> rows = jdbc.query(ORDER_COLUMNS + ORDER_JOINS + "WHERE o.order_id IN (" + marks(ids.size()) + ")",
                (rs, n) -> orderRow(rs), ids.toArray());
        List<Map<String, Object>> orders = rows.stream()
                .filter(o -> wanted.contains(new Key((String) o.get("sellerId"), (String) o.get("orderId")))).toList();
        complete(orders);
        orders.forEach(o -> views.put(o.get("sellerId") + "/" + o.get("orderId"), o));
        return views;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private List<Map<String, Object>> load(String sql, Object... args) {
        List<Map<String, Object>> orders = jdbc.query(sql, (rs, n) -> orderRow(rs), args);
        complete(orders);
        return orders;
    }

    /**
     * Adds the lines, open reviews and return cases to the orders' rows. The look-ups are by order
     * id (each an index probe: the keys lead with it); rows of another seller sharing an id are
     * not any of these orders' and are left out.
     */
    private void complete(List<Map<String, Object>> orders) {
        if (orders.isEmpty()) {
            return;
        }
        Map<Key, Map<String, Object>> byKey = new HashMap<>();
        for (Map<String, Object> o : orders) {
            byKey.put(new Key((String) o.get("sellerId"), (String) o.get("orderId")), o);
        }
        Object[] keyArgs = byKey.keySet().stream().map(Key::orderId).distinct().toArray();
        String keys = "order_id IN (" + marks(keyArgs.length) + ")";

        jdbc.query("SELECT seller_id, order_id, order_item_id, sku, name, amount, shipping_amount, status, removed FROM order_line WHERE "
                + keys + " ORDER BY order_item_id", rs -> {
                    Map<String, Object> o = byKey.get(new Key(rs.getString("seller_id"), rs.getString("order_id")));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> invoice = o == null ? null : (Map<String, Object>) o.get("invoice");
                    if (invoice == null) {
                        return;
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("orderItemId", rs.getString("order_item_id"));
                    line.put("sku", rs.getString("sku"));
                    line.put("name", rs.getString("name"));
                    line.put("amount", money(rs.getBigDecimal("amount")));
                    line.put("shippingAmount", money(rs.getBigDecimal("shipping_amount")));
                    line.put("status", rs.getString("status"));
                    line.put("canceled", rs.getBoolean("removed"));
                    @SuppressWarnings("unchecked")
                    List<Object> lines = (List<Object>) invoice.get("lines");
                    lines.add(line);
                }, keyArgs);

        jdbc.query("SELECT seller_id, order_id, transaction_number, fee_type, fee_name, kind, amount, vat_amount, wht_amount, statement, "
                + "transaction_date FROM fee_line WHERE attached_at IS NOT NULL AND (" + keys + ") ORDER BY transaction_date, transaction_number",
                rs -> {
                    Map<String, Object> o = byKey.get(new Key(rs.getString("seller_id"), rs.getString("order_id")));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> invoice = o == null ? null : (Map<String, Object>) o.get("invoice");
                    if (invoice == null) {
                        return;
                    }
                    Map<String, Object> fee = new LinkedHashMap<>();
                    fee.put("transactionNumber", rs.getString("transaction_number"));
                    fee.put("feeType", rs.getString("fee_type"));
                    fee.put("feeName", rs.getString("fee_name"));
                    fee.put("kind", rs.getString("kind"));
                    fee.put("amount", money(rs.getBigDecimal("amount")));
                    fee.put("vat", money(rs.getBigDecimal("vat_amount")));
                    fee.put("withholdingTax", money(rs.getBigDecimal("wht_amount")));
                    fee.put("statement", rs.getString("statement"));
                    fee.put("transactionDate", instant(rs, "transaction_date"));
                    @SuppressWarnings("unchecked")
                    List<Object> fees = (List<Object>) invoice.get("feeLines");
                    fees.add(fee);
                }, keyArgs);

        jdbc.query("SELECT seller_id, order_id, reason FROM review WHERE resolved_at IS NULL AND (" + keys + ") ORDER BY opened_at, reason",
                rs -> {
                    Map<String, Object> o = byKey.get(new Key(rs.getString("seller_id"), rs.getString("order_id")));
                    if (o == null) {
                        return;
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> reasons = (List<Object>) o.get("reviewReasons");
                    reasons.add(rs.getString("reason"));
                    o.put("manualReview", true);
                }, keyArgs);

        Map<String, Map<String, Object>> cases = new HashMap<>();
        jdbc.query("SELECT seller_id, order_id, reverse_order_id, request_type, state, reverse_status, refund_amount, reason, opened_at, closed_at "
                + "FROM return_case WHERE " + keys + " ORDER BY opened_at, reverse_order_id", rs -> {
                    Map<String, Object> o = byKey.get(new Key(rs.getString("seller_id"), rs.getString("order_id")));
                    if (o == null) {
                        return;
                    }
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("reverseOrderId", rs.getString("reverse_order_id"));
                    c.put("requestType", rs.getString("request_type"));
                    c.put("state", rs.getString("state"));
                    c.put("reverseStatus", rs.getString("reverse_status"));
                    c.put("refundAmount", money(rs.getBigDecimal("refund_amount")));
                    c.put("reason", rs.getString("reason"));
                    c.put("openedAt", instant(rs, "opened_at"));
                    c.put("closedAt", instant(rs, "closed_at"));
                    c.put("lines", new ArrayList<>());
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) o.get("returnCases");
                    list.add(c);
                    cases.put(rs.getString("seller_id") + "/" + rs.getString("reverse_order_id"), c);
                }, keyArgs);
        if (!cases.isEmpty()) {
            jdbc.query("SELECT seller_id, reverse_order_id, order_item_id, reverse_status, refund_amount FROM return_line WHERE "
                    + keys + " ORDER BY reverse_order_line_id", rs -> {
                        Map<String, Object> c = cases.get(rs.getString("seller_id") + "/" + rs.getString("reverse_order_id"));
                        if (c == null) {
                            return;
                        }
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("orderItemId", rs.getString("order_item_id"));
                        line.put("reverseStatus", rs.getString("reverse_status"));
                        line.put("refundAmount", money(rs.getBigDecimal("refund_amount")));
                        @SuppressWarnings("unchecked")
                        List<Object> lines = (List<Object>) c.get("lines");
                        lines.add(line);
                    }, keyArgs);
        }
    }

    private static Map<String, Object> orderRow(ResultSet rs) throws SQLException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("sellerId", rs.getString("seller_id"));
        o.put("orderId", rs.getString("order_id"));
        o.put("orderNumber", rs.getString("order_number"));
        String statuses = rs.getString("lazada_statuses");
        o.put("lazadaStatuses", statuses == null || statuses.isEmpty() ? List.of() : List.of(statuses.split(",")));
        o.put("stage", rs.getString("stage"));
        o.put("tab", rs.getString("tab"));
        o.put("lazadaUpdatedAt", instant(rs, "lazada_updated_at"));
        o.put("businessDate", String.valueOf(rs.getObject("business_date", java.time.LocalDate.class)));
        String soNumber = rs.getString("so_number");
        if (soNumber == null) {
            o.put("salesOrder", null);
        } else {
            Map<String, Object> so = new LinkedHashMap<>();
            so.put("number", soNumber);
            so.put("status", rs.getString("so_status"));
            o.put("salesOrder", so);
        }
        String invNumber = rs.getString("inv_number");
        if (invNumber == null) {
            o.put("invoice", null);
        } else {
            Map<String, Object> inv = new LinkedHashMap<>();
            inv.put("number", invNumber);
            inv.put("paymentStatus", rs.getString("payment_status"));
            inv.put("deliveryStatus", rs.getString("delivery_status"));
            inv.put("recycled", rs.getBoolean("recycled"));
            inv.put("recycleReason", rs.getString("recycle_reason"));
            inv.put("currency", rs.getString("inv_currency"));
            inv.put("total", money(rs.getBigDecimal("inv_total")));
            inv.put("lines", new ArrayList<>());
            // Lazada's money for the invoice (fee lines, net to receive), once it posted any.
            String settlement = rs.getString("st_status");
            if (settlement == null) {
                inv.put("settlement", null);
            } else {
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("status", settlement);
                st.put("gross", money(rs.getBigDecimal("st_gross")));
                st.put("fees", money(rs.getBigDecimal("st_fees")));
                st.put("refunds", money(rs.getBigDecimal("st_refunds")));
                st.put("net", money(rs.getBigDecimal("st_net")));
                st.put("statement", rs.getString("st_statement"));
                st.put("settledAt", instant(rs, "st_settled_at"));
                inv.put("settlement", st);
            }
            inv.put("feeLines", new ArrayList<>());
            o.put("invoice", inv);
        }
        o.put("manualReview", false);
        o.put("reviewReasons", new ArrayList<>());
        o.put("returnCases", new ArrayList<>());
        return o;
    }

    static String money(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
