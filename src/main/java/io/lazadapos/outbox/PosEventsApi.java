package io.lazadapos.outbox;

import java.util.Map;

import io.lazadapos.api.ApiProblem;

/** GET /api/pos-events and POST /api/pos-events/rewind?to=<id>. */
public final class PosEventsApi {

    private final PosEventsOutbox outbox;

    public PosEventsApi(PosEventsOutbox outbox) {
        this.outbox = outbox;
    }

    public Map<String, Object> status() {
        return outbox.status();
    }

    public Map<String, Object> rewind(String to) {
        if (!outbox.enabled()) {
            throw ApiProblem.conflict("POS_EVENTS_URI is not set: there is no delivery to rewind");
        }
        long from;
        try {
            from = Long.parseLong(to == null ? "" : to.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("to must be the id of the first event to send again, e.g. ?to=1200");
        }
        try {
            return outbox.rewind(from);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }
}
