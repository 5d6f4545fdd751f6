package io.lazadapos.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET /api/push[?seller=]: is the endpoint on, what it received since start, the inbox backlog
 * (of every seller, or one), the token alerts of the sellers.
 */
public final class PushStatus {

    private final boolean enabled;
    private final PushHealth health;
    private final PushInbox inbox;
    private final TokenExpiryAlerts alerts;
    private final Supplier<List<String>> sellers;

    public PushStatus(boolean enabled, PushHealth health, PushInbox inbox, TokenExpiryAlerts alerts, Supplier<List<String>> sellers) {
        this.enabled = enabled;
        this.health = health;
        this.inbox = inbox;
        this.alerts = alerts;
        this.sellers = sellers;
    }

    public Map<String, Object> view() {
        return view(null);
    }

    public Map<String, Object> view(String sellerId) {
        boolean bySeller = sellerId != null && !sellerId.isBlank();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        m.put("endpoint", "/lazada/push");
        m.put("instance", inbox.instanceId());
        m.put("received", health.counts());
        m.put("inbox", bySeller ? inbox.backlog(sellerId.trim()) : inbox.backlog());
        List<Map<String, Object>> expiring = new ArrayList<>();
        for (String s : bySeller ? List.of(sellerId.trim()) : sellers.get()) {
            Map<String, Object> alert = alerts.current(s);
            if (alert != null) {
                expiring.add(alert);
            }
        }
        // One seller: its alert (or null), as before several sellers; all sellers: the list.
        m.put("tokenExpiry", bySeller || sellers.get().size() == 1 ? (expiring.isEmpty() ? null : expiring.get(0)) : expiring);
        return m;
    }
}
