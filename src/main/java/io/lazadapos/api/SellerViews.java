package io.lazadapos.api;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.ledger.SellerStore.SellerRow;
import io.lazadapos.sellers.SellerDirectory;
import io.lazadapos.sync.OrderPoll;
import io.lazadapos.sync.SellerAuthorization;
import io.lazadapos.sync.SellerTokens;
import io.lazadapos.sync.SyncHealth;

/**
 * {@code /api/sellers}: the sellers of the ledger, connected and disconnected through the API.
 * An answer shows where a seller's authorization and poll stand; never a token or a secret.
 */
public final class SellerViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SellerDirectory sellers;
    private final SellerTokens tokens;
    private final OrderPoll poll;
    private final Function<String, Instant> lastPollSuccess;
    private final SyncHealth health;
    private final Predicate<String> polledHere;
    private final JdbcTemplate jdbc;

    public SellerViews(SellerDirectory sellers, SellerTokens tokens, OrderPoll poll, Function<String, Instant> lastPollSuccess,
            SyncHealth health, Predicate<String> polledHere, JdbcTemplate jdbc) {
        this.sellers = sellers;
        this.tokens = tokens;
        this.poll = poll;
        this.lastPollSuccess = lastPollSuccess;
        this.health = health;
        this.polledHere = polledHere;
        this.jdbc = jdbc;
    }

    /** Every seller (status=active or disconnected narrows the list). */
    public Map<String, Object> list(String status) {
        sellers.refresh();
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !wanted.equals("ACTIVE") && !wanted.equals("DISCONNECTED")) {
            throw ApiProblem.badRequest("status must be active or disconnected");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (SellerRow r : sellers.all()) {
            if (wanted == null || r.status().name().equals(wanted)) {
                out.add(view(r));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("defaultSeller", sellers.defaultSeller());
        m.put("sellers", out);
        return m;
    }

    public Map<String, Object> one(String sellerId) {
        return view(sellers.find(sellerId).orElseThrow(() -> ApiProblem.notFound("no such seller: " + shorten(sellerId))));
    }

    /**
     * POST /api/sellers {"sellerId", "country", "name", "accessToken", "refreshToken"}: connects a
     * seller with the tokens of its authorization. {@code connection} says "new" (201) or "again".
     */
    public Map<String, Object> connect(String body) {
        JsonNode in;
        try {
            in = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body must be JSON with sellerId, country, accessToken, refreshToken and optionally name");
        }
        if (in == null || !in.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object with sellerId, country, accessToken and refreshToken");
        }
        String sellerId = text(in, "sellerId");
        boolean added = sellers.connect(sellerId, text(in, "country"), text(in, "name"), text(in, "accessToken"), text(in, "refreshToken"));
        Map<String, Object> v = view(sellers.find(sellerId).orElseThrow());
        v.put("connection", added ? "new" : "again");
        return v;
    }

    /** DELETE /api/sellers/{id}: disconnects it (its orders stay). */
    public Map<String, Object> disconnect(String sellerId) {
        return view(sellers.disconnect(sellerId));
    }

    private Map<String, Object> view(SellerRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sellerId", r.sellerId());
        m.put("name", r.name());
        m.put("country", r.country());
        m.put("status", r.status().name());
        m.put("createdAt", text(r.createdAt()));
        m.put("disconnectedAt", text(r.disconnectedAt()));
        SellerAuthorization a = tokens.authorization(r.sellerId());
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("state", a.state());
        auth.put("problem", ApiJson.withoutSecrets(a.problem()));
        auth.put("refreshedAt", text(a.refreshedAt()));
        auth.put("accessExpiresAt", text(a.accessExpiresAt()));
        auth.put("refreshExpiresAt", text(a.refreshExpiresAt()));
        auth.put("nextRefreshAt", text(a.nextRefreshAt()));
        m.put("authorization", auth);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("watermark", text(poll.watermark(r.sellerId())));
        p.put("lastSuccessAt", text(lastPollSuccess.apply(r.sellerId())));
        SyncHealth.Failure failure = health.lastPollFailure(r.sellerId());
        p.put("lastFailure", failure == null ? null : Map.of("at", failure.at().toString(), "errorClass", failure.errorClass()));
        p.put("polledHere", r.active() && polledHere.test(r.sellerId()));
        m.put("poll", p);
        Long orders = jdbc.queryForObject("SELECT COUNT(*) FROM pos_order WHERE seller_id = ?", Long.class, r.sellerId());
        m.put("orders", orders == null ? 0 : orders);
        return m;
    }

    private static String text(JsonNode in, String field) {
        JsonNode v = in.get(field);
        return v == null || v.isNull() ? null : v.asText().trim();
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
