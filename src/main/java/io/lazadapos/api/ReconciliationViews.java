package io.lazadapos.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lazadapos.ledger.ReconciliationRuns;
import io.lazadapos.sync.Reconciliation;

/** The reconciliation sweeps as the API shows them, and starting one on request. */
public final class ReconciliationViews {

    /** Whether a requested sweep started; when not, the one running instead. */
    public record StartAnswer(boolean started, Map<String, Object> run, String message) {
    }

    private final Reconciliation reconciliation;
    private final ReconciliationRuns runs;
    private final String defaultSeller;

    public ReconciliationViews(Reconciliation reconciliation, ReconciliationRuns runs, String defaultSeller) {
        this.reconciliation = reconciliation;
        this.runs = runs;
        this.defaultSeller = defaultSeller;
    }

    public StartAnswer start(String seller, String days) {
        Integer d = days == null || days.isBlank() ? null : whole("days", days);
        try {
            return new StartAnswer(true, reconciliation.start(seller == null || seller.isBlank() ? defaultSeller : seller, d, "api"), null);
        } catch (Reconciliation.AlreadyRunning running) {
            return new StartAnswer(false, running.run(), running.getMessage());
        }
    }

    /** {"runs": [...]} of the last {@code days} days (7 when not given). */
    public Map<String, Object> recent(String days) {
        return recent(days, null);
    }

    /** {"runs": [...]} of the last {@code days} days, of one seller when {@code seller} is given. */
    public Map<String, Object> recent(String days, String seller) {
        int d = days == null || days.isBlank() ? 7 : whole("days", days);
        if (d < 1 || d > 366) {
            throw new IllegalArgumentException("days must be between 1 and 366, got " + d);
        }
        List<Map<String, Object>> list = runs.recent(d, seller);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", list);
        return m;
    }

    /** One run, or null. */
    public Map<String, Object> run(String id) {
        return runs.find(whole("runId", id));
    }

    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
