package io.lazadapos.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.api.ApiProblem;

/**
 * The sync log of the POS vendor, from the ledger: how many of each POS step (ledger event type)
 * happened per day over the last N days, beside the dead letters of each day. Days are the
 * seller's business days (the country's UTC offset), today included.
 */
public final class SyncLog {

    static final int MAX_DAYS = 90;

    private final JdbcTemplate jdbc;
    private final java.util.function.Function<String, ZoneOffset> offsetOfSeller;
    private final Clock clock;

    /** @param offsetOfSeller the business-day offset of a seller (of the default seller for null: all sellers) */
    SyncLog(JdbcTemplate jdbc, java.util.function.Function<String, ZoneOffset> offsetOfSeller, Clock clock) {
        this.jdbc = jdbc;
        this.offsetOfSeller = offsetOfSeller;
        this.clock = clock;
    }

    public Map<String, Object> days(String daysText, String sellerId) {
        int days = Paging.wholeNumber("days", daysText, 7);
        if (days < 1 || days > MAX_DAYS) {
            throw ApiProblem.badRequest("days must be between 1 and " + MAX_DAYS);
        }
        boolean bySeller = sellerId != null && !sellerId.isBlank();
        ZoneOffset sellerOffset = offsetOfSeller.apply(bySeller ? sellerId.trim() : null);
        LocalDate today = OffsetDateTime.now(clock).withOffsetSameInstant(sellerOffset).toLocalDate();
        LocalDate first = today.minusDays(days - 1L);
        TreeSet<String> types = new TreeSet<>();
        Map<String, Long> totals = new TreeMap<>();
        List<Map<String, Object>> series = new ArrayList<>();
        long deadLetterTotal = 0;
        // One indexed range query per day keeps the day boundaries in Java, in the seller's offset, on any database.
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            OffsetDateTime from = day.atStartOfDay().atOffset(sellerOffset).withOffsetSameInstant(ZoneOffset.UTC);
            OffsetDateTime to = day.plusDays(1).atStartOfDay().atOffset(sellerOffset).withOffsetSameInstant(ZoneOffset.UTC);
            Map<String, Long> counts = new TreeMap<>();
            List<Object> args = new ArrayList<>(List.of(from, to));
            if (bySeller) {
                args.add(sellerId);
            }
            jdbc.query("SELECT type, COUNT(*) FROM ledger_event WHERE occurred_at >= ? AND occurred_at < ?"
                    + (bySeller ? " AND seller_id = ?" : "") + " GROUP BY type", rs -> {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }, args.toArray());
            Long dead = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE created_at >= ? AND created_at < ?"
                    + (bySeller ? " AND seller_id = ?" : ""), Long.class, args.toArray());
            long total = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                types.add(e.getKey());
                totals.merge(e.getKey(), e.getValue(), Long::sum);
                total += e.getValue();
            }
            long deadLetters = dead == null ? 0 : dead;
            deadLetterTotal += deadLetters;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("date", day.toString());
            d.put("counts", counts);
            d.put("total", total);
            d.put("deadLetters", deadLetters);
            series.add(d);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("days", days);
        answer.put("from", first.toString());
        answer.put("to", today.toString());
        answer.put("utcOffset", sellerOffset.getId());
        answer.put("types", types);
        answer.put("totals", totals);
        answer.put("deadLetters", deadLetterTotal);
        answer.put("series", series);
        // Filled in once the reliability work reconciles the ledger against Lazada.
        answer.put("reconciliation", null);
        return answer;
    }
}
