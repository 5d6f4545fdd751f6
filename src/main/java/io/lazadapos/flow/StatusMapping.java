package io.lazadapos.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one table from a Lazada item status to a stage (and through it, a tab). Unknown
 * statuses are UNMAPPED: never dropped, never guessed. Extra entries come from configuration
 * ({@code pos.status-mapping.extra}), so a status Lazada adds can be mapped without a rebuild.
 */
public final class StatusMapping {

    private static final Map<String, Stage> DEFAULTS = defaults();

    private final Map<String, Stage> table;

    public StatusMapping(Map<String, Stage> extra) {
        Map<String, Stage> t = new LinkedHashMap<>(DEFAULTS);
        extra.forEach((status, stage) -> t.put(normalize(status), stage));
        this.table = Collections.unmodifiableMap(t);
    }

    public static StatusMapping standard() {
        return new StatusMapping(Map.of());
    }

    /**
     * Builds the mapping from the configuration form {@code status=STAGE,status2=STAGE2}
     * (blank means none).
     */
    public static StatusMapping withExtra(String configured) {
        Map<String, Stage> extra = new LinkedHashMap<>();
        if (configured != null && !configured.isBlank()) {
            for (String pair : configured.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] kv = pair.split("[=:]", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new IllegalArgumentException("pos.status-mapping.extra: '" + pair.trim() + "' is not status=STAGE");
                }
                Stage stage;
                try {
                    stage = Stage.valueOf(kv[1].trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("pos.status-mapping.extra: '" + kv[1].trim() + "' is not a stage");
                }
                extra.put(kv[0], stage);
            }
        }
        return new StatusMapping(extra);
    }

    public Stage stageOf(String status) {
        if (status == null) {
            return Stage.UNMAPPED;
        }
        return table.getOrDefault(normalize(status), Stage.UNMAPPED);
    }

    public boolean knows(String status) {
        return status != null && table.containsKey(normalize(status));
    }

    public Map<String, Stage> table() {
        return table;
    }

    private static String normalize(String status) {
        return status.trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Stage> defaults() {
        Map<String, Stage> m = new LinkedHashMap<>();
        m.put("unpaid", Stage.AWAITING_PAYMENT);
        for (String s : new String[] {"pending", "repacked"}) {
            m.put(s, Stage.PAID);
        }
        for (String s : new String[] {"packed", "ready_to_ship_pending", "ready_to_ship", "topack", "toship"}) {
            m.put(s, Stage.READY_TO_SHIP);
        }
        for (String s : new String[] {"shipped", "shipping"}) {
            m.put(s, Stage.SHIPPED);
        }
        for (String s : new String[] {"delivered", "confirmed"}) {
            m.put(s, Stage.DELIVERED);
        }
        m.put("canceled", Stage.CANCELED);
        for (String s : new String[] {"failed_delivery", "failed", "shipped_back", "shipped_back_success",
                "shipped_back_failed", "package_scrapped", "lost", "lost_by_3pl", "damaged_by_3pl"}) {
            m.put(s, Stage.FAILED_DELIVERY);
        }
        m.put("returned", Stage.RETURNED);
        return Collections.unmodifiableMap(m);
    }
}
