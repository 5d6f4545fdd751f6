package io.lazadapos.sellers;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lazadapos.api.ApiProblem;
import io.lazadapos.lazada.LazadaCountry;
import io.lazadapos.ledger.SellerStore;
import io.lazadapos.ledger.SellerStore.SellerRow;
import io.lazadapos.sync.SellerTokens;

/**
 * The sellers this runtime syncs, as the ledger lists them ({@code seller}), with their country.
 * Every instance sharing the ledger reads the same list: a seller connected or disconnected
 * through one instance reaches the others at their next {@link #refresh()}.
 *
 * <p>The seller of the single-seller settings (LAZADA_SELLER_ID and its tokens) is seeded as one
 * of them on start, and is the default seller of calls that name none.
 */
public final class SellerDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(SellerDirectory.class);
    /** Seller ids as Lazada gives them (digits), or an operator's name for a test shop. */
    private static final Pattern SELLER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SellerStore store;
    private final SellerTokens tokens;
    private final LazadaCountry defaultCountry;
    private final String defaultSeller;
    private final Map<String, SellerRow> cache = new ConcurrentHashMap<>();
    private final List<Consumer<SellerDirectory>> listeners = new CopyOnWriteArrayList<>();

    public SellerDirectory(SellerStore store, SellerTokens tokens, LazadaCountry defaultCountry, String defaultSeller) {
        this.store = store;
        this.tokens = tokens;
        this.defaultCountry = defaultCountry;
        this.defaultSeller = defaultSeller;
    }

    /** The configured seller (LAZADA_SELLER_ID) becomes a seller of the ledger, unless it is one already. */
    public void seedConfigured(String sellerId, LazadaCountry country) {
        if (store.insert(sellerId, country.name(), null)) {
            LOG.info("seller {} ({}) added from the configuration", sellerId, country);
        }
        refresh();
        SellerRow row = cache.get(sellerId);
        if (row != null && !row.active()) {
            LOG.warn("the configured seller {} was disconnected through the API: it is not synced until connected again (POST /api/sellers)",
                    sellerId);
        }
    }

    /** Reads the list again; tells the listeners (the pollers) when it changed. */
    public synchronized void refresh() {
        Map<String, SellerRow> fresh = new ConcurrentHashMap<>();
        for (SellerRow r : store.all()) {
            fresh.put(r.sellerId(), r);
        }
        boolean changed = !fresh.equals(cache);
        for (String id : new ArrayList<>(cache.keySet())) {
            if (!fresh.containsKey(id) || !fresh.get(id).active() && cache.get(id).active()) {
                tokens.evict(id);
            }
        }
        cache.keySet().retainAll(fresh.keySet());
        cache.putAll(fresh);
        if (changed) {
            listeners.forEach(l -> l.accept(this));
        }
    }

    /** Called after every refresh that changed the list. */
    public void onChange(Consumer<SellerDirectory> listener) {
        listeners.add(listener);
    }

    public String defaultSeller() {
        return defaultSeller;
    }

    /** The seller a call names, or the default seller when it names none. */
    public String orDefault(String sellerId) {
        return sellerId == null || sellerId.isBlank() ? defaultSeller : sellerId.trim();
    }

    public List<SellerRow> all() {
        List<SellerRow> out = new ArrayList<>(cache.values());
        out.sort(java.util.Comparator.comparing(SellerRow::sellerId));
        return out;
    }

    public List<SellerRow> active() {
        return all().stream().filter(SellerRow::active).toList();
    }

    public List<String> activeIds() {
        return active().stream().map(SellerRow::sellerId).toList();
    }

    public Optional<SellerRow> find(String sellerId) {
        if (sellerId == null) {
            return Optional.empty();
        }
        SellerRow row = cache.get(sellerId);
        if (row == null) {
            row = store.find(sellerId).orElse(null);
            if (row != null) {
                cache.put(sellerId, row);
            }
        }
        return Optional.ofNullable(row);
    }

    public boolean isActive(String sellerId) {
        return find(sellerId).map(SellerRow::active).orElse(false);
    }

    /** The seller's country; the configured one (LAZADA_COUNTRY) for a seller the ledger does not list. */
    public LazadaCountry countryOf(String sellerId) {
        return find(sellerId).map(r -> LazadaCountry.of(r.country())).orElse(defaultCountry);
    }

    public ZoneOffset offsetOf(String sellerId) {
        return countryOf(sellerId).offset();
    }

    public String currencyOf(String sellerId) {
        return countryOf(sellerId).currency();
    }

    public LazadaCountry defaultCountry() {
        return defaultCountry;
    }

    /**
     * Connects a seller with the tokens of its authorization: a new seller, or a disconnected one
     * again. Answers whether it is new. 409 while it is connected (disconnect it first, or let its
     * tokens refresh themselves).
     */
    public synchronized boolean connect(String sellerId, String countryCode, String name, String accessToken, String refreshToken) {
        if (sellerId == null || !SELLER_ID.matcher(sellerId).matches()) {
            throw ApiProblem.badRequest("sellerId must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        LazadaCountry country;
        try {
            country = countryCode == null || countryCode.isBlank() ? defaultCountry : LazadaCountry.of(countryCode);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        if (accessToken == null || accessToken.isBlank() || refreshToken == null || refreshToken.isBlank()) {
            throw ApiProblem.badRequest("accessToken and refreshToken (the seller's authorization of the app) are required");
        }
        if (name != null && name.length() > 200) {
            throw ApiProblem.badRequest("name is at most 200 characters");
        }
        boolean added = store.insert(sellerId, country.name(), name);
        if (!added && !store.reconnect(sellerId, country.name(), name)) {
            throw ApiProblem.conflict("seller " + sellerId + " is connected already; DELETE /api/sellers/" + sellerId + " first to connect it anew");
        }
        tokens.connect(sellerId, accessToken, refreshToken);
        LOG.info("seller {} ({}) {}", sellerId, country, added ? "connected" : "connected again");
        refresh();
        return added;
    }

    /** Disconnects a seller: its tokens leave the ledger, its polls stop, its pushes are refused; its orders stay. */
    public synchronized SellerRow disconnect(String sellerId) {
        SellerRow row = store.find(sellerId).orElseThrow(() -> ApiProblem.notFound("no such seller: " + shorten(sellerId)));
        if (row.active()) {
            store.disconnect(sellerId);
            LOG.info("seller {} disconnected: no longer polled, its pushes are refused; its orders stay in the ledger", sellerId);
        }
        tokens.forget(sellerId);
        refresh();
        return store.find(sellerId).orElseThrow();
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
