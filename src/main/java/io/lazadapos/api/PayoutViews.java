package io.lazadapos.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.ledger.SyncState;
import io.lazadapos.sellers.SellerDirectory;
import io.lazadapos.sync.FinancePoll;

import static io.lazadapos.api.OrderViews.instant;
import static io.lazadapos.api.OrderViews.money;

/** {@code GET /api/payouts}: Lazada's payout statements, what each settles, and how the finance reads go. */
public final class PayoutViews {

    private final JdbcTemplate jdbc;
    private final SellerDirectory sellers;
    private final SyncState state;
    private final FinancePoll financePoll;

    public PayoutViews(JdbcTemplate jdbc, SellerDirectory sellers, SyncState state, FinancePoll financePoll) {
        this.jdbc = jdbc;
        this.sellers = sellers;
        this.state = state;
        this.financePoll = financePoll;
    }

    /** The newest statements first (all sellers unless one is named), at most {@code limit}. */
    public Map<String, Object> payouts(String sellerId, Integer limit) {
        int lim = limit == null ? 50 : Math.max(1, Math.min(500, limit));
        List<Object> args = new ArrayList<>();
        String where = "";
        if (sellerId != null && !sellerId.isBlank()) {
            where = " WHERE p.seller_id = ?";
            args.add(sellerId);
        }
        args.add(lim);
        List<Map<String, Object>> statements = jdbc.query(
                "SELECT p.seller_id, p.statement_number, p.opening_balance, p.item_revenue, p.fees_total, p.refunds, p.closing_balance, "
                        + "p.payout, p.paid, p.created_at, p.updated_at, p.paid_seen_at, p.mismatch, "
                        + "(SELECT COUNT(*) FROM invoice_settlement t WHERE t.seller_id = p.seller_id AND t.statement = p.statement_number "
                        + "AND t.status = 'SETTLED') AS settles, "
                        + "(SELECT COUNT(DISTINCT f.order_id) FROM fee_line f WHERE f.seller_id = p.seller_id AND f.statement = p.statement_number) AS orders, "
                        + "(SELECT COUNT(*) FROM fee_line f WHERE f.seller_id = p.seller_id AND f.statement = p.statement_number) AS transactions "
                        + "FROM payout_statement p" + where + " ORDER BY p.created_at DESC, p.statement_number DESC LIMIT ?",
                (rs, n) -> {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("sellerId", rs.getString("seller_id"));
                    s.put("statementNumber", rs.getString("statement_number"));
                    s.put("openingBalance", money(rs.getBigDecimal("opening_balance")));
                    s.put("itemRevenue", money(rs.getBigDecimal("item_revenue")));
                    s.put("feesTotal", money(rs.getBigDecimal("fees_total")));
                    s.put("refunds", money(rs.getBigDecimal("refunds")));
                    s.put("closingBalance", money(rs.getBigDecimal("closing_balance")));
                    s.put("payout", money(rs.getBigDecimal("payout")));
                    s.put("paid", rs.getBoolean("paid"));
                    s.put("createdAt", instant(rs, "created_at"));
                    s.put("updatedAt", instant(rs, "updated_at"));
                    s.put("paidSeenAt", instant(rs, "paid_seen_at"));
                    s.put("transactions", rs.getLong("transactions"));
                    s.put("orders", rs.getLong("orders"));
                    s.put("invoicesSettled", rs.getLong("settles"));
                    s.put("mismatch", rs.getString("mismatch"));
                    return s;
                }, args.toArray());
        List<Map<String, Object>> reads = new ArrayList<>();
        for (String seller : sellers.activeIds()) {
            if (sellerId != null && !sellerId.isBlank() && !sellerId.equals(seller)) {
                continue;
            }
            FinancePoll.ReadHealth h = financePoll.health(seller);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("sellerId", seller);
            r.put("watermark", state.get(seller, FinancePoll.WATERMARK).orElse(null));
            r.put("lastStarted", h.lastStarted() == null ? null : h.lastStarted().toString());
            r.put("lastSucceeded", h.lastSucceeded() == null ? null : h.lastSucceeded().toString());
            r.put("lastFailed", h.lastFailed() == null ? null : h.lastFailed().toString());
            r.put("lastError", h.lastError());
            r.put("feeLinesWaitingForTheirOrder", jdbc.queryForObject(
                    "SELECT COUNT(*) FROM fee_line WHERE seller_id = ? AND attached_at IS NULL", Long.class, seller));
            reads.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("statements", statements);
        out.put("reads", reads);
        String bySeller = sellerId != null && !sellerId.isBlank() ? " WHERE seller_id = ?" : "";
        Object[] sellerArgs = bySeller.isEmpty() ? new Object[0] : new Object[] {sellerId};
        Map<String, Object> invoices = new LinkedHashMap<>();
        jdbc.query("SELECT status, COUNT(*), COALESCE(SUM(net), 0) FROM invoice_settlement" + bySeller + " GROUP BY status", rs -> {
            invoices.put(rs.getString(1).equals("SETTLED") ? "settled" : "awaitingPayout", rs.getLong(2));
            invoices.put(rs.getString(1).equals("SETTLED") ? "settledNet" : "awaitingNet", money(rs.getBigDecimal(3)));
        }, sellerArgs);
        out.put("invoices", invoices);
        return out;
    }
}
