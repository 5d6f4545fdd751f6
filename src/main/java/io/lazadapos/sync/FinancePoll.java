package io.lazadapos.sync;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.lazada.LazadaFinance;
import io.lazadapos.lazada.LazadaOrderReader;
import io.lazadapos.ledger.DeadLetters;
import io.lazadapos.ledger.SyncState;
import io.lazadapos.money.FeeKind;
import io.lazadapos.money.FeeTransaction;
import io.lazadapos.money.InvoiceSettlement;
import io.lazadapos.money.PayoutStatement;
import io.lazadapos.money.StatementCheck;

/**
 * One seller's read of Lazada's money: the fee transactions posted since their own watermark
 * (minus an overlap: Lazada posts them days after delivery), page by page, then the payout
 * statements, then the settlement of every invoice whose lines or statements changed. Once a
 * reconciliation interval, the read reaches back a whole reconciliation window. The routes
 * (routes/lazada-finance.camel.yaml) write what this class reads and works out.
 */
public final class FinancePoll {

    public static final String WATERMARK = "finance.watermark";
    public static final String LAST_RECONCILED = "finance.last-reconciled";
    private static final int IN_LIST = 500;

    /** Settings of the finance poll. */
    public record Settings(int limit, Duration overlap, Duration interval, Duration reconcileWindow, Duration reconcileInterval,
            Instant syncFrom) {
    }

    /** Where one read stands: its windows of days, the offset inside the current one, what it touched. */
    public static final class Cursor {
        private final String sellerId;
        private final List<LocalDate[]> windows;
        private final boolean movesWatermark;
        private int window;
        private int offset;
        private boolean more = true;
        private Instant pageMax;
        private int linesRead;
        private int rejected;
        private int statementsRead;
        private int settlementsChanged;
        private final Set<String> touchedOrders = new LinkedHashSet<>();
        private final Set<String> touchedStatements = new LinkedHashSet<>();

        Cursor(String sellerId, List<LocalDate[]> windows, boolean movesWatermark) {
            this.sellerId = sellerId;
            this.windows = windows;
            this.movesWatermark = movesWatermark;
            this.more = !windows.isEmpty();
        }

        public boolean isMore() {
            return more;
        }

        public String getSellerId() {
            return sellerId;
        }

        public LocalDate getFrom() {
            return windows.isEmpty() ? null : windows.get(0)[0];
        }

        public LocalDate getTo() {
            return windows.isEmpty() ? null : windows.get(windows.size() - 1)[1];
        }

        public int getLinesRead() {
            return linesRead;
        }

        public int getStatementsRead() {
            return statementsRead;
        }

        public int getSettlementsChanged() {
            return settlementsChanged;
        }

        public int getRejected() {
            return rejected;
        }

        /** What a manual re-read answers. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("sellerId", sellerId);
            m.put("from", String.valueOf(getFrom()));
            m.put("to", String.valueOf(getTo()));
            m.put("transactionsRead", linesRead);
            m.put("transactionsRejected", rejected);
            m.put("statementsRead", statementsRead);
            m.put("settlementsChanged", settlementsChanged);
            return m;
        }

        @Override
        public String toString() {
            return "finance read of seller " + sellerId + " [" + getFrom() + ", " + getTo() + "] window " + (window + 1) + "/" + windows.size()
                    + " offset " + offset + ", " + linesRead + " transactions";
        }
    }

    private final LazadaFinance lazada;
    private final JdbcTemplate jdbc;
    private final SyncState state;
    private final DeadLetters deadLetters;
    private final Function<String, LazadaCountry> countryOfSeller;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();

    public FinancePoll(LazadaFinance lazada, JdbcTemplate jdbc, SyncState state, DeadLetters deadLetters,
            Function<String, LazadaCountry> countryOfSeller, Settings settings, Clock clock) {
        this.lazada = lazada;
        this.jdbc = jdbc;
        this.state = state;
        this.deadLetters = deadLetters;
        this.countryOfSeller = countryOfSeller;
        this.settings = settings;
        this.clock = clock;
    }

    /** How the last finance reads of a seller went, for /api/payouts. */
    public record ReadHealth(Instant lastStarted, Instant lastSucceeded, Instant lastFailed, String lastError) {
    }

    private final Map<String, ReadHealth> health = new ConcurrentHashMap<>();

    public void failed(String sellerId, Throwable error) {
        ReadHealth h = health.getOrDefault(sellerId, new ReadHealth(null, null, null, null));
        String message = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        health.put(sellerId, new ReadHealth(h.lastStarted(), h.lastSucceeded(), clock.instant(),
                message.length() > 500 ? message.substring(0, 500) : message));
    }

    public void succeeded(Cursor c) {
        ReadHealth h = health.getOrDefault(c.sellerId, new ReadHealth(null, null, null, null));
        health.put(c.sellerId, new ReadHealth(h.lastStarted(), clock.instant(), h.lastFailed(), h.lastError()));
    }

    public ReadHealth health(String sellerId) {
        return health.getOrDefault(sellerId, new ReadHealth(null, null, null, null));
    }

    /** Whether the seller's finance read is due (its own interval; the first one at once). */
    public boolean due(String sellerId) {
        Instant last = lastRun.get(sellerId);
        return last == null || !clock.instant().isBefore(last.plus(settings.interval()));
    }

    /** The poll's read: from the watermark less the overlap (or the whole reconciliation window when it is time) to today. */
    public Cursor start(String sellerId) {
        lastRun.put(sellerId, clock.instant());
        ReadHealth h = health(sellerId);
        health.put(sellerId, new ReadHealth(clock.instant(), h.lastSucceeded(), h.lastFailed(), h.lastError()));
        ZoneOffset offset = countryOfSeller.apply(sellerId).offset();
        Instant now = clock.instant();
        Instant watermark = state.get(sellerId, WATERMARK).map(Instant::parse).orElse(null);
        Instant from = watermark == null ? settings.syncFrom() : watermark.minus(settings.overlap());
        Instant reconciled = state.get(sellerId, LAST_RECONCILED).map(Instant::parse).orElse(null);
        if (watermark != null && (reconciled == null || !now.isBefore(reconciled.plus(settings.reconcileInterval())))) {
            Instant reach = now.minus(settings.reconcileWindow());
            if (reach.isBefore(from)) {
                from = reach;
            }
            state.put(sellerId, LAST_RECONCILED, now.toString());
        }
        return new Cursor(sellerId, windows(from.atOffset(offset).toLocalDate(), now.atOffset(offset).toLocalDate()), true);
    }

    /** An operator's re-read of explicit days (local to the seller); the watermark stays. */
    public Cursor reread(String sellerId, String fromDay, String toDay) {
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(fromDay == null ? "" : fromDay.trim());
            to = LocalDate.parse(toDay == null ? "" : toDay.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("from and to are days (yyyy-MM-dd), e.g. from=2026-11-01&to=2026-11-30");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("from and to are days (yyyy-MM-dd), from not after to");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw new IllegalArgumentException("a re-read covers at most 366 days");
        }
        return new Cursor(sellerId, windows(from, to), false);
    }

    /** Lazada refuses windows of 180 days or more: a long read is cut into windows it takes. */
    static List<LocalDate[]> windows(LocalDate from, LocalDate to) {
        List<LocalDate[]> out = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate end = start.plusDays(LazadaFinance.MAX_WINDOW_DAYS);
            if (end.isAfter(to)) {
                end = to;
            }
            out.add(new LocalDate[] {start, end});
            start = end.plusDays(1);
        }
        return out;
    }

    /** The next page of transactions, as the fee_line statement's parameters. */
    public List<Map<String, Object>> nextPage(Cursor c) {
        LocalDate[] w = c.windows.get(c.window);
        LazadaFinance.TransactionPage page = lazada.transactions(c.sellerId, w[0], w[1], c.offset, settings.limit());
        for (LazadaOrderReader.RejectedRow bad : page.rejected()) {
            deadLetters.record(c.sellerId, bad.orderId(), "finance", "MalformedFeeTransaction", bad.error(), bad.raw());
        }
        c.rejected += page.rejected().size();
        Instant now = clock.instant();
        Instant max = null;
        List<Map<String, Object>> rows = new ArrayList<>(page.transactions().size());
        for (FeeTransaction t : page.transactions()) {
            rows.add(t.params(now));
            if (t.orderId() != null) {
                c.touchedOrders.add(t.orderId());
            }
            if (t.statement() != null) {
                c.touchedStatements.add(t.statement());
            }
            if (max == null || t.transactionDate().isAfter(max)) {
                max = t.transactionDate();
            }
        }
        c.pageMax = max;
        c.linesRead += page.transactions().size();
        if (page.rows() < settings.limit()) {
            c.window++;
            c.offset = 0;
            c.more = c.window < c.windows.size();
        } else {
            c.offset += page.rows();
        }
        return rows;
    }

    /** After a page's lines are stored: the watermark moves to the newest transaction read. */
    public void pageDone(Cursor c) {
        if (!c.movesWatermark || c.pageMax == null) {
            return;
        }
        Instant current = state.get(c.sellerId, WATERMARK).map(Instant::parse).orElse(null);
        Instant capped = c.pageMax.isAfter(clock.instant()) ? clock.instant() : c.pageMax;
        if (current == null || capped.isAfter(current)) {
            state.put(c.sellerId, WATERMARK, capped.toString());
        }
    }

    /**
     * The statements to store: those created since the oldest one the ledger holds unpaid (or,
     * with none unpaid, since the newest one less the overlap), as payout_statement parameters.
     */
    public List<Map<String, Object>> statements(Cursor c) {
        ZoneOffset offset = countryOfSeller.apply(c.sellerId).offset();
        Timestamp oldestUnpaid = jdbc.queryForObject(
                "SELECT MIN(created_at) FROM payout_statement WHERE seller_id = ? AND paid = FALSE", Timestamp.class, c.sellerId);
        Timestamp newest = jdbc.queryForObject(
                "SELECT MAX(created_at) FROM payout_statement WHERE seller_id = ?", Timestamp.class, c.sellerId);
        Instant since = oldestUnpaid != null ? oldestUnpaid.toInstant()
                : newest != null ? newest.toInstant().minus(settings.overlap()) : settings.syncFrom();
        LocalDate createdAfter = since.atOffset(offset).toLocalDate().minusDays(1);
        if (!c.movesWatermark && c.getFrom() != null && c.getFrom().isBefore(createdAfter)) {
            createdAfter = c.getFrom();
        }
        LazadaFinance.Statements read = lazada.statements(c.sellerId, createdAfter);
        for (LazadaOrderReader.RejectedRow bad : read.rejected()) {
            deadLetters.record(c.sellerId, null, "finance", "MalformedPayoutStatement", bad.error(), bad.raw());
        }
        c.rejected += read.rejected().size();
        Instant now = clock.instant();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PayoutStatement s : read.statements()) {
            rows.add(s.params(now));
        }
        c.statementsRead += rows.size();
        // Their invoices are settled again: a statement paid, or its figures changed, moves them.
        for (PayoutStatement s : read.statements()) {
            c.touchedStatements.add(s.number());
        }
        return rows;
    }

    /**
     * Each paid statement touched by this read, checked against its transactions in the ledger:
     * the rows whose mismatch text changes (null when it now adds up).
     */
    public List<Map<String, Object>> statementChecks(Cursor c) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(c.touchedStatements))) {
            String in = placeholders(chunk.size());
            List<Object> args = new ArrayList<>();
            args.add(c.sellerId);
            args.addAll(chunk);
            Map<String, BigDecimal[]> sums = new HashMap<>();
            jdbc.query("SELECT statement, kind, SUM(amount) FROM fee_line WHERE seller_id = ? AND statement IN (" + in + ") GROUP BY statement, kind",
                    rs -> {
                        BigDecimal[] s = sums.computeIfAbsent(rs.getString(1), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                        BigDecimal amount = rs.getBigDecimal(3);
                        if (FeeKind.ITEM_PRICE.name().equals(rs.getString(2))) {
                            s[0] = s[0].add(amount);
                        }
                        s[1] = s[1].add(amount);
                    }, args.toArray());
            jdbc.query("SELECT statement_number, opening_balance, item_revenue, fees_total, refunds, closing_balance, payout, paid, mismatch"
                    + " FROM payout_statement WHERE seller_id = ? AND statement_number IN (" + in + ")", rs -> {
                        PayoutStatement s = new PayoutStatement(c.sellerId, rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBoolean(8), null, null);
                        BigDecimal[] lines = sums.getOrDefault(s.number(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                        String mismatch = StatementCheck.mismatch(s, lines[0], lines[1]);
                        if (!java.util.Objects.equals(mismatch, rs.getString(9))) {
                            Map<String, Object> m = new HashMap<>();
                            m.put("sellerId", c.sellerId);
                            m.put("number", s.number());
                            m.put("mismatch", mismatch);
                            out.add(m);
                        }
                    }, args.toArray());
        }
        return out;
    }

    /**
     * The settlements to write: every invoice with a fee line touched by this read, in a touched
     * statement, or not attached yet (its order arrived after its fees). One map per invoice whose
     * settlement changes, with the lines to attach, the SETTLE_INVOICE event when it becomes
     * settled by a statement, and the review when something does not add up.
     */
    public List<Map<String, Object>> settlements(Cursor c) {
        Set<String> orders = new LinkedHashSet<>(c.touchedOrders);
        for (List<String> chunk : chunks(new ArrayList<>(c.touchedStatements))) {
            List<Object> args = new ArrayList<>();
            args.add(c.sellerId);
            args.addAll(chunk);
            orders.addAll(jdbc.queryForList("SELECT DISTINCT order_id FROM fee_line WHERE seller_id = ? AND order_id IS NOT NULL AND statement IN ("
                    + placeholders(chunk.size()) + ")", String.class, args.toArray()));
        }
        orders.addAll(jdbc.queryForList("SELECT DISTINCT f.order_id FROM fee_line f JOIN invoice i ON i.order_id = f.order_id AND i.seller_id = f.seller_id"
                + " WHERE f.seller_id = ? AND f.attached_at IS NULL", String.class, c.sellerId));
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(orders))) {
            out.addAll(settle(c.sellerId, chunk));
        }
        c.settlementsChanged += out.size();
        return out;
    }

    private List<Map<String, Object>> settle(String sellerId, List<String> orderIds) {
        String in = placeholders(orderIds.size());
        List<Object> args = new ArrayList<>();
        args.add(sellerId);
        args.addAll(orderIds);
        Map<String, Object[]> invoices = new HashMap<>();
        jdbc.query("SELECT order_id, total, recycled FROM invoice WHERE seller_id = ? AND order_id IN (" + in + ")",
                rs -> {
                    invoices.put(rs.getString(1), new Object[] {rs.getBigDecimal(2), rs.getBoolean(3)});
                }, args.toArray());
        Map<String, List<InvoiceSettlement.Line>> lines = new HashMap<>();
        Map<String, List<String>> unattached = new HashMap<>();
        Set<String> statementNumbers = new LinkedHashSet<>();
        jdbc.query("SELECT order_id, transaction_number, kind, amount, statement, attached_at FROM fee_line WHERE seller_id = ? AND order_id IN ("
                + in + ") ORDER BY transaction_date, transaction_number", rs -> {
                    String order = rs.getString(1);
                    String statement = rs.getString(5);
                    lines.computeIfAbsent(order, k -> new ArrayList<>())
                            .add(new InvoiceSettlement.Line(FeeKind.valueOf(rs.getString(3)), rs.getBigDecimal(4), statement));
                    if (rs.getTimestamp(6) == null) {
                        unattached.computeIfAbsent(order, k -> new ArrayList<>()).add(rs.getString(2));
                    }
                    if (statement != null) {
                        statementNumbers.add(statement);
                    }
                }, args.toArray());
        Map<String, InvoiceSettlement.StatementFacts> facts = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(statementNumbers))) {
            List<Object> sArgs = new ArrayList<>();
            sArgs.add(sellerId);
            sArgs.addAll(chunk);
            jdbc.query("SELECT statement_number, paid, created_at, mismatch FROM payout_statement WHERE seller_id = ? AND statement_number IN ("
                    + placeholders(chunk.size()) + ")", rs -> {
                        Timestamp created = rs.getTimestamp(3);
                        facts.put(rs.getString(1), new InvoiceSettlement.StatementFacts(rs.getBoolean(2),
                                created == null ? null : created.toInstant(), rs.getString(4)));
                    }, sArgs.toArray());
        }
        Map<String, Object[]> current = new HashMap<>();
        jdbc.query("SELECT order_id, gross, fees, refunds, net, status, statement FROM invoice_settlement WHERE seller_id = ? AND order_id IN ("
                + in + ")", rs -> {
                    current.put(rs.getString(1), new Object[] {rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), rs.getString(6), rs.getString(7)});
                }, args.toArray());
        Set<String> reviewed = new java.util.HashSet<>(jdbc.queryForList(
                "SELECT order_id FROM review WHERE seller_id = ? AND reason = 'PAYOUT_MISMATCH' AND order_id IN (" + in + ")",
                String.class, args.toArray()));
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String orderId : orderIds) {
            Object[] invoice = invoices.get(orderId);
            List<InvoiceSettlement.Line> orderLines = lines.get(orderId);
            if (invoice == null || orderLines == null) {
                continue; // kept until the order's invoice exists
            }
            InvoiceSettlement s = InvoiceSettlement.of((BigDecimal) invoice[0], (Boolean) invoice[1], orderLines, facts);
            Object[] before = current.get(orderId);
            List<String> attach = unattached.getOrDefault(orderId, List.of());
            boolean changed = before == null || ((BigDecimal) before[0]).compareTo(s.gross()) != 0 || ((BigDecimal) before[1]).compareTo(s.fees()) != 0
                    || ((BigDecimal) before[2]).compareTo(s.refunds()) != 0 || ((BigDecimal) before[3]).compareTo(s.net()) != 0
                    || !s.status().name().equals(before[4]) || !java.util.Objects.equals(s.statement(), before[5]);
            boolean opensReview = !s.mismatches().isEmpty() && !reviewed.contains(orderId);
            if (!changed && attach.isEmpty() && !opensReview) {
                continue;
            }
            Map<String, Object> m = new HashMap<>();
            m.put("sellerId", sellerId);
            m.put("orderId", orderId);
            m.put("gross", s.gross());
            m.put("fees", s.fees());
            m.put("refunds", s.refunds());
            m.put("net", s.net());
            m.put("status", s.status().name());
            m.put("statement", s.statement());
            m.put("now", now);
            m.put("source", "finance");
            m.put("changed", changed);
            m.put("attach", attach);
            boolean newlySettled = s.status() == InvoiceSettlement.Status.SETTLED
                    && (before == null || !"SETTLED".equals(before[4]) || !java.util.Objects.equals(s.statement(), before[5]));
            m.put("settles", newlySettled);
            m.put("reviewDetail", opensReview ? abbreviate(String.join("; ", s.mismatches())) : null);
            out.add(m);
        }
        return out;
    }

    /** The settlements whose figures or status change (the body of pos-settle-invoice). */
    public static List<Map<String, Object>> changedSettlements(List<Map<String, Object>> settlements) {
        return settlements.stream().filter(m -> Boolean.TRUE.equals(m.get("changed"))).toList();
    }

    /** Whether any of these settlements becomes settled by a statement now. */
    public static boolean anySettles(List<Map<String, Object>> settlements) {
        return settlingCount(settlements) > 0;
    }

    /** How many of these settlements become settled by a statement now (SETTLE_INVOICE events). */
    public static int settlingCount(List<Map<String, Object>> settlements) {
        return (int) settlements.stream().filter(m -> Boolean.TRUE.equals(m.get("settles"))).count();
    }

    /** One map per fee line attached to its invoice now (the body of pos-post-fees). */
    public List<Map<String, Object>> attachments(List<Map<String, Object>> settlements) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : settlements) {
            @SuppressWarnings("unchecked")
            List<String> numbers = (List<String>) m.get("attach");
            for (String number : numbers) {
                Map<String, Object> line = new HashMap<>();
                line.put("sellerId", m.get("sellerId"));
                line.put("orderId", m.get("orderId"));
                line.put("transactionNumber", number);
                line.put("now", m.get("now"));
                line.put("source", m.get("source"));
                out.add(line);
            }
        }
        return out;
    }

    /** One map per PAYOUT_MISMATCH review to open (the body of pos-open-reviews). */
    public static List<Map<String, Object>> mismatchReviews(List<Map<String, Object>> settlements) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : settlements) {
            if (m.get("reviewDetail") == null) {
                continue;
            }
            Map<String, Object> r = new HashMap<>();
            r.put("sellerId", m.get("sellerId"));
            r.put("orderId", m.get("orderId"));
            r.put("reason", "PAYOUT_MISMATCH");
            r.put("detail", m.get("reviewDetail"));
            r.put("dueAt", null);
            r.put("now", m.get("now"));
            r.put("source", m.get("source"));
            r.put("lazadaUpdatedAt", null);
            r.put("newOrder", false);
            r.put("eventType", "OPEN_REVIEW");
            out.add(r);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            out.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        }
        return out;
    }
}
