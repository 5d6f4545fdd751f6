package io.lazadapos.push;

import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/push: is the endpoint on, what it received since start, the inbox backlog, token alerts. */
public final class PushStatus {

    private final boolean enabled;
    private final PushHealth health;
    private final PushInbox inbox;
    private final TokenExpiryAlerts alerts;
    private final String sellerId;

    public PushStatus(boolean enabled, PushHealth health, PushInbox inbox, TokenExpiryAlerts alerts, String sellerId) {
        this.enabled = enabled;
        this.health = health;
        this.inbox = inbox;
        this.alerts = alerts;
        this.sellerId = sellerId;
    }

    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        m.put("endpoint", "/lazada/push");
        m.put("received", health.counts());
        m.put("inbox", inbox.backlog());
        m.put("tokenExpiry", alerts.current(sellerId));
        return m;
    }
}
