package io.lazadapos.sandbox;

import static io.lazadapos.sandbox.SandboxItem.CANCEL_PENDING;
import static io.lazadapos.sandbox.SandboxItem.HAS_PACKAGE;
import static io.lazadapos.sandbox.SandboxItem.HAS_TRACKING;
import static io.lazadapos.sandbox.SandboxItem.NEED_CANCEL_CONFIRM;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's world: sellers, their orders, reverse orders and tokens, and every way they change.
 * One read-write lock guards it all: API reads share it, changes take it alone, and listeners are
 * told after it is released (so a listener may call back in).
 */
final class Marketplace {

    private static final Logger log = LoggerFactory.getLogger(Marketplace.class);

    /** Values /orders/get accepts in {@code status}, besides "all" and any status the sandbox has seen. */
    static final Set<String> FILTERABLE_STATUSES = Set.of("unpaid", "pending", "repacked", "packed", "topack", "toship",
            "ready_to_ship_pending", "ready_to_ship", "shipping", "shipped", "delivered", "confirmed", "canceled",
            "failed", "failed_delivery", "shipped_back", "shipped_back_success", "shipped_back_failed", "package_scrapped",
            "lost", "lost_by_3pl", "damaged_by_3pl", "returned");
    /** Statuses at which an item has been packed: it carries a package id from then on. */
    private static final Set<String> PACKAGED = Set.of("packed", "repacked", "toship", "ready_to_ship_pending", "ready_to_ship",
            "shipping", "shipped", "delivered", "confirmed", "failed", "failed_delivery", "shipped_back", "shipped_back_success",
            "shipped_back_failed", "package_scrapped", "lost", "lost_by_3pl", "damaged_by_3pl", "returned");
    /** Statuses at which a carrier and tracking number are known. */
    private static final Set<String> TRACKED = Set.of("ready_to_ship", "shipping", "shipped", "delivered", "confirmed", "failed",
            "failed_delivery", "shipped_back", "shipped_back_success", "shipped_back_failed", "package_scrapped", "lost",
            "lost_by_3pl", "damaged_by_3pl", "returned");
    private static final int[] RETURN_REASON_CODES = {10001, 10002, 10003, 10004, 10005};
    private static final String[] RETURN_REASONS = {"Wrong size", "Item damaged", "Not as described", "Changed my mind", "Missing accessories"};
    private static final int MAX_LIVE_ORDERS_PER_TICK = 10_000;

    private final SandboxSettings settings;
    private final SellerCountry country;
    private final Clock clock;
    private final OrderGenerator generator;
    private final OrderDetails details;
    private final FinanceLedger ledger;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Seller> sellers = new ConcurrentHashMap<>();
    private final Map<String, Seller> byAccessToken = new ConcurrentHashMap<>();
    private final Map<String, Seller> byRefreshToken = new ConcurrentHashMap<>();
    private final Map<Long, SandboxOrder> ordersById = new ConcurrentHashMap<>();
    private final PriorityQueue<SandboxOrder> dueScripts = new PriorityQueue<>(
            Comparator.comparingLong((SandboxOrder o) -> o.nextDue).thenComparingInt(o -> o.seq));
    private final Set<String> seenStatuses = ConcurrentHashMap.newKeySet();
    private final List<SandboxStatusListener> statusListeners = new CopyOnWriteArrayList<>();
    private final List<SandboxReverseListener> reverseListeners = new CopyOnWriteArrayList<>();
    private final SplittableRandom tokenRandom;
    private final List<String> issuedTokens = new java.util.ArrayList<>();
    private final SplittableRandom liveRandom;
    private final long orderIdBase;
    private final long orderNumberBase;
    private final long itemIdBase;
    private final long reverseIdBase;
    private int nextSeq;
    private long nextItemSeq;
    private long nextReverseSeq;
    private long nextBackfill;
    private long nextLiveArrivalMs = Long.MAX_VALUE;

    Marketplace(SandboxSettings settings) {
        this.settings = settings;
        this.country = SellerCountry.of(settings.country());
        this.clock = settings.clock();
        this.generator = new OrderGenerator(country, settings.seed());
        this.details = new OrderDetails(country);
        this.ledger = new FinanceLedger(country, settings);
        this.tokenRandom = generator.randomFor(OrderGenerator.STREAM_TOKENS, 0);
        this.liveRandom = generator.randomFor(OrderGenerator.STREAM_LIVE_ARRIVALS, 0);
        // Id ranges depend on the seed and the start time, so a restarted sandbox does not reuse the
        // previous run's order ids for different orders (a persistent ledger would mix them up).
        long salt = OrderGenerator.mix(settings.seed(), clock.instant().getEpochSecond());
        this.orderIdBase = 100_000_000_000_000L + Math.floorMod(salt, 600_000_000_000_000L) / 10 * 10;
        this.orderNumberBase = 200_000_000L + Math.floorMod(OrderGenerator.mix(salt, 1), 500_000_000L);
        this.itemIdBase = 100_000_000_000_000L + Math.floorMod(OrderGenerator.mix(salt, 2), 600_000_000_000_000L) / 10 * 10;
        this.reverseIdBase = 100_000_000_000_000L + Math.floorMod(OrderGenerator.mix(salt, 3), 600_000_000_000_000L) / 10 * 10;
        addSeller(settings.sellerId(), settings.accessToken(), settings.refreshToken());
        if (settings.liveOrdersPerMinute() > 0) nextLiveArrivalMs = clock.millis() + interarrivalMillis();
    }

    OrderDetails details() {
        return details;
    }

    SellerCountry country() {
        return country;
    }

    /** The fee transactions and statements; read them under {@link #read}. */
    FinanceLedger ledger() {
        return ledger;
    }

    /** Runs {@code reading} under the shared lock: a consistent snapshot for rendering. */
    <T> T read(Supplier<T> reading) {
        lock.readLock().lock();
        try {
            return reading.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    // ---------------------------------------------------------------- sellers and tokens

    void addSeller(String sellerId, String accessToken, String refreshToken) {
        if (sellerId == null || sellerId.isBlank()) throw new IllegalArgumentException("sellerId must not be blank");
        if (accessToken == null || accessToken.isBlank() || refreshToken == null || refreshToken.isBlank()) {
            throw new IllegalArgumentException("tokens must not be blank");
        }
        lock.writeLock().lock();
        try {
            if (sellers.containsKey(sellerId)) throw new IllegalArgumentException("seller " + sellerId + " exists already");
            if (byAccessToken.containsKey(accessToken) || byRefreshToken.containsKey(refreshToken)) {
                throw new IllegalArgumentException("tokens of seller " + sellerId + " are already in use by another seller");
            }
            long h = OrderGenerator.mix(sellerId.hashCode(), settings.seed());
            Seller seller = new Seller(sellerId, 100_000_000L + Math.floorMod(h, 900_000_000L),
                    country.name() + Long.toString(Math.floorMod(h >>> 20, 36L * 36 * 36 * 36 * 36 * 36 * 36), 36).toUpperCase());
            sellers.put(sellerId, seller);
            issueTokens(seller, accessToken, refreshToken);
        } finally {
            lock.writeLock().unlock();
        }
    }

    Seller seller(String sellerId) {
        Seller seller = sellers.get(sellerId == null ? settings.sellerId() : sellerId);
        if (seller == null) throw new NoSuchElementException("unknown seller " + sellerId);
        return seller;
    }

    /** The seller an access token belongs to, or null when the token is unknown or expired. */
    Seller sellerForAccessToken(String accessToken) {
        if (accessToken == null) return null;
        return read(() -> {
            Seller seller = byAccessToken.get(accessToken);
            return seller == null || nowSeconds() >= seller.accessExpiresAt ? null : seller;
        });
    }

    record TokenGrant(Seller seller, String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn) {
    }

    /** Rotates both tokens of the refresh token's seller; null when the refresh token is unknown or expired. */
    TokenGrant refresh(String refreshToken) {
        lock.writeLock().lock();
        try {
            Seller seller = byRefreshToken.get(refreshToken);
            if (seller == null || nowSeconds() >= seller.refreshExpiresAt) return null;
            issueTokens(seller, newToken(), newToken());
            return new TokenGrant(seller, seller.accessToken, seller.refreshToken,
                    settings.accessTokenTtl().getSeconds(), settings.refreshTokenTtl().getSeconds());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Token faults: the access token lapses now (IllegalAccessToken until refreshed). */
    void expireAccessToken(String sellerId) {
        lock.writeLock().lock();
        try {
            seller(sellerId).accessExpiresAt = nowSeconds();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Token faults: the seller withdrew the app's authorization; both tokens stop working. */
    void revokeAuthorization(String sellerId) {
        lock.writeLock().lock();
        try {
            Seller seller = seller(sellerId);
            seller.accessExpiresAt = nowSeconds();
            seller.refreshExpiresAt = nowSeconds();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every token handed out since start, oldest first (for tests that look for leaks). */
    List<String> issuedTokens() {
        synchronized (issuedTokens) {
            return List.copyOf(issuedTokens);
        }
    }

    private void issueTokens(Seller seller, String accessToken, String refreshToken) {
        synchronized (issuedTokens) {
            issuedTokens.add(accessToken);
            issuedTokens.add(refreshToken);
        }
        if (seller.accessToken != null) byAccessToken.remove(seller.accessToken);
        if (seller.refreshToken != null) byRefreshToken.remove(seller.refreshToken);
        long now = nowSeconds();
        seller.accessToken = accessToken;
        seller.refreshToken = refreshToken;
        seller.accessExpiresAt = now + settings.accessTokenTtl().getSeconds();
        seller.refreshExpiresAt = now + settings.refreshTokenTtl().getSeconds();
        byAccessToken.put(accessToken, seller);
        byRefreshToken.put(refreshToken, seller);
    }

    /** Looks like Lazada's: "50000" and 40 letters or digits. */
    private String newToken() {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder token = new StringBuilder("50000");
        for (int i = 0; i < 40; i++) token.append(alphabet.charAt(tokenRandom.nextInt(alphabet.length())));
        return token.toString();
    }

    // ---------------------------------------------------------------- reading orders

    /** An order of this seller, or null: order ids are only meaningful within one seller. */
    SandboxOrder order(Seller seller, long orderId) {
        SandboxOrder order = ordersById.get(orderId);
        return order != null && order.seller == seller ? order : null;
    }

    boolean isFilterableStatus(String status) {
        return FILTERABLE_STATUSES.contains(status) || seenStatuses.contains(status);
    }

    SandboxOrderView view(String orderId) {
        long id = parseOrderId(orderId);
        return read(() -> toView(existing(id)));
    }

    List<SandboxOrderView> views(String sellerId) {
        return read(() -> {
            Seller seller = seller(sellerId);
            List<SandboxOrderView> views = new ArrayList<>(seller.orders.size());
            for (SandboxOrder order : seller.orders.inCreationOrder()) views.add(toView(order));
            return views;
        });
    }

    int orderCount(String sellerId) {
        return read(() -> seller(sellerId).orders.size());
    }

    /** Snapshot of a seller's reverse orders, oldest first; read under the lock. */
    List<ReverseOrder> reverseOrders(Seller seller) {
        return read(() -> new ArrayList<>(seller.reverseOrders));
    }

    private SandboxOrder existing(long orderId) {
        SandboxOrder order = ordersById.get(orderId);
        if (order == null) throw new NoSuchElementException("unknown order " + orderId);
        return order;
    }

    static long parseOrderId(String orderId) {
        try {
            return Long.parseLong(orderId.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an order id: " + orderId);
        }
    }

    private SandboxOrderView toView(SandboxOrder o) {
        List<SandboxItemView> items = new ArrayList<>(o.items.length);
        LinkedHashSet<String> statuses = new LinkedHashSet<>();
        for (SandboxItem it : o.items) {
            statuses.add(it.status);
            ReverseOrder.Line line = it.reverse;
            items.add(new SandboxItemView(Long.toString(it.itemId), Long.toString(o.orderId), it.status, it.sku,
                    details.shopSku(it), it.name, it.variation, country.currency,
                    money(it.itemPrice), money(it.paidPrice()), money(it.voucherAmount()), money(it.voucherSeller),
                    money(it.voucherPlatform), money(it.shippingAmount), money(it.taxAmount),
                    Instant.ofEpochSecond(o.createdAt), Instant.ofEpochSecond(it.updatedAt),
                    it.paymentTime == 0 ? null : Instant.ofEpochSecond(it.paymentTime), it.initiator, it.reason,
                    it.has(NEED_CANCEL_CONFIRM), it.has(CANCEL_PENDING),
                    it.cancelTriggerTime == 0 ? null : Instant.ofEpochSecond(it.cancelTriggerTime),
                    it.has(HAS_PACKAGE) ? details.packageId(o, it) : null,
                    it.has(HAS_TRACKING) ? details.carrier(o, it) : null,
                    it.has(HAS_TRACKING) ? details.trackingCode(o, it) : null,
                    line == null ? null : Long.toString(line.reverse.reverseOrderId),
                    line == null ? null : line.reverse.requestType,
                    line == null ? null : line.status));
        }
        long voucherSeller = o.voucherSeller();
        long voucherPlatform = o.voucherPlatform();
        return new SandboxOrderView(o.seller.sellerId, Long.toString(o.orderId), Long.toString(o.orderNumber),
                Instant.ofEpochSecond(o.createdAt), Instant.ofEpochSecond(o.updatedAt), List.copyOf(statuses),
                country.currency, money(o.price()), money(voucherSeller + voucherPlatform), money(voucherSeller),
                money(voucherPlatform), money(o.shippingFee()), o.paymentMethod, details.firstName(o), details.lastName(o),
                o.mismatch != 0, o.anyItem(NEED_CANCEL_CONFIRM), o.anyItem(CANCEL_PENDING), Collections.unmodifiableList(items));
    }

    private BigDecimal money(long minor) {
        return country.toMajor(minor);
    }

    // ---------------------------------------------------------------- listeners

    void addStatusListener(SandboxStatusListener listener) {
        statusListeners.add(listener);
    }

    void addReverseListener(SandboxReverseListener listener) {
        reverseListeners.add(listener);
    }

    /** A change to tell listeners about once the lock is released. */
    private sealed interface Change permits ItemStatusChange, ReverseStatusChange {
    }

    private record ItemStatusChange(String sellerId, long orderId, long itemId, String status, long at) implements Change {
    }

    private record ReverseStatusChange(String sellerId, long reverseOrderId, long lineId, String status, long orderId,
                                       long itemId, long at) implements Change {
    }

    private void tell(List<Change> changes) {
        for (Change change : changes) {
            if (change instanceof ItemStatusChange c) {
                for (SandboxStatusListener l : statusListeners) {
                    try {
                        l.onItemStatus(c.sellerId(), Long.toString(c.orderId()), Long.toString(c.itemId()), c.status(),
                                Instant.ofEpochSecond(c.at()));
                    } catch (RuntimeException e) {
                        log.warn("Status listener failed for order {} item {}", c.orderId(), c.itemId(), e);
                    }
                }
            } else if (change instanceof ReverseStatusChange c) {
                for (SandboxReverseListener l : reverseListeners) {
                    try {
                        l.onReverseStatus(c.sellerId(), Long.toString(c.reverseOrderId()), Long.toString(c.lineId()), c.status(),
                                Long.toString(c.orderId()), Long.toString(c.itemId()), Instant.ofEpochSecond(c.at()));
                    } catch (RuntimeException e) {
                        log.warn("Reverse listener failed for reverse order {}", c.reverseOrderId(), e);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- driving orders

    /** Runs a change under the exclusive lock, then tells the listeners what it changed. */
    private <T> T change(java.util.function.Function<List<Change>, T> mutation) {
        List<Change> changes = new ArrayList<>();
        T result;
        lock.writeLock().lock();
        try {
            result = mutation.apply(changes);
        } finally {
            lock.writeLock().unlock();
        }
        tell(changes);
        return result;
    }

    String createOrder(SandboxOrderSpec spec) {
        return change(changes -> {
            Seller seller = seller(spec.sellerId());
            long createdAt = spec.createdAt() != null ? spec.createdAt().getEpochSecond() : nowSeconds();
            if (createdAt < 0) throw new IllegalArgumentException("createdAt must be after 1970");
            int seq = takeSeq();
            long orderId = orderId(seq);
            SandboxItem[] items = new SpecItems(country, spec, generator.randomFor(OrderGenerator.STREAM_SPEC_ITEMS, seq), this::nextItemId).build();
            byte flags = OrderGenerator.quirks(orderId);
            if (spec.amountsAsStrings() != null) {
                flags = spec.amountsAsStrings() ? (byte) (flags | SandboxOrder.AMOUNTS_AS_STRINGS) : (byte) (flags & ~SandboxOrder.AMOUNTS_AS_STRINGS);
            }
            long mismatch = spec.amountMismatch() == null ? 0 : country.toMinor(spec.amountMismatch());
            String payment = spec.paymentMethod() != null ? spec.paymentMethod() : "unpaid".equals(spec.status()) ? "MIXEDCARD" : "COD";
            for (SandboxItem item : items) item.updatedAt = createdAt;
            SandboxOrder order = new SandboxOrder(seller, orderId, orderNumber(seq), seq, createdAt, items,
                    generator.randomFor(OrderGenerator.STREAM_SPEC_CUSTOMER, seq).nextInt() & 0x7fffffff, flags, mismatch, payment);
            for (SandboxItem item : items) changeStatus(order, item, spec.status(), null, null, createdAt, changes);
            ordersById.put(orderId, order);
            seller.orders.add(order);
            return Long.toString(orderId);
        });
    }

    /** Sets the status of one item (itemId given) or of every item; a driven order leaves its script. */
    void setStatus(String orderId, String itemId, String status, String initiator) {
        if (status == null || status.isBlank()) throw new IllegalArgumentException("status must not be blank");
        long id = parseOrderId(orderId);
        change(changes -> {
            SandboxOrder order = existing(id);
            order.script = null;
            long now = nowSeconds();
            for (SandboxItem item : targets(order, itemId)) changeStatus(order, item, status, initiator, null, now, changes);
            return null;
        });
    }

    void setBuyerCancelRequest(String orderId, Instant cancelTriggerTime) {
        long id = parseOrderId(orderId);
        change(changes -> {
            SandboxOrder order = existing(id);
            order.script = null;
            long now = nowSeconds();
            long trigger = cancelTriggerTime == null ? now + 24 * 3600 : cancelTriggerTime.getEpochSecond();
            for (SandboxItem item : order.items) {
                if (!"canceled".equals(item.status)) requestCancel(order, item, trigger, now);
            }
            return null;
        });
    }

    /**
     * A refund-only request on delivered items: Lazada opens a reverse order (ONLY_REFUND) while
     * the items stay {@code delivered}; only the reverse-order API tells.
     */
    void requestRefund(String orderId, String itemId) {
        long id = parseOrderId(orderId);
        change(changes -> {
            SandboxOrder order = existing(id);
            order.script = null;
            long now = nowSeconds();
            List<SandboxItem> items = targets(order, itemId).stream()
                    .filter(item -> item.reverse == null && ("delivered".equals(item.status) || "confirmed".equals(item.status)))
                    .toList();
            if (items.isEmpty()) throw new IllegalArgumentException("no delivered item without a reverse order on " + orderId);
            openReverse(order, items, ReverseOrder.ONLY_REFUND, now, changes);
            for (SandboxItem item : items) item.updatedAt = now;
            refreshUpdatedAt(order);
            return null;
        });
    }

    void touch(String orderId) {
        long id = parseOrderId(orderId);
        change(changes -> {
            SandboxOrder order = existing(id);
            long now = nowSeconds();
            for (SandboxItem item : order.items) item.updatedAt = now;
            refreshUpdatedAt(order);
            return null;
        });
    }

    void setReverseStatus(String orderId, String itemId, String reverseStatus) {
        if (reverseStatus == null || reverseStatus.isBlank()) throw new IllegalArgumentException("reverse status must not be blank");
        long id = parseOrderId(orderId);
        change(changes -> {
            SandboxOrder order = existing(id);
            order.script = null;
            long now = nowSeconds();
            List<SandboxItem> returned = targets(order, itemId).stream().filter(item -> item.reverse != null).toList();
            if (returned.isEmpty()) throw new IllegalArgumentException("no reverse order on " + orderId + "; set an item to returned first");
            for (SandboxItem item : returned) reverseStatus(order, item, reverseStatus, now, changes);
            return null;
        });
    }

    /**
     * From now on, Lazada reports the seller's statement with an item_revenue (and so closing balance
     * and payout) off by {@code amount} (major units) from its transactions; zero takes it back.
     */
    void skewStatement(String sellerId, String statementNumber, BigDecimal amount) {
        if (amount == null) throw new IllegalArgumentException("amount must be given");
        String number = statementNumber == null ? "" : statementNumber.trim().toUpperCase(Locale.ROOT);
        if (!ledger.isStatementNumber(number)) {
            throw new IllegalArgumentException("not a statement number of " + country + " (like " + country + "2026W49): " + statementNumber);
        }
        long minor = country.toMinor(amount);
        lock.writeLock().lock();
        try {
            Seller seller = seller(sellerId);
            if (minor == 0) seller.statementSkews.remove(number);
            else seller.statementSkews.put(number, minor);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static List<SandboxItem> targets(SandboxOrder order, String itemId) {
        if (itemId == null || itemId.isBlank()) return List.of(order.items);
        SandboxItem item;
        try {
            item = order.item(Long.parseLong(itemId.trim()));
        } catch (NumberFormatException e) {
            item = null;
        }
        if (item == null) throw new NoSuchElementException("order " + order.orderId + " has no item " + itemId);
        return List.of(item);
    }

    // ---------------------------------------------------------------- generating orders

    int generateBackfill(String sellerId, int n) {
        if (n <= 0) return 0;
        lock.writeLock().lock();
        try {
            Seller seller = seller(sellerId);
            long end = nowSeconds();
            long span = settings.backfillSpan().getSeconds();
            SplittableRandom times = generator.randomFor(OrderGenerator.STREAM_BACKFILL_TIMES, nextBackfill++);
            for (int i = 0; i < n; i++) {
                // Stratified: one order per slice of the span, at a random point in it, so creation times ascend.
                long createdAt = Math.min(end, end - span + (long) ((i + times.nextDouble()) * span / n));
                SandboxOrder order = newGeneratedOrder(seller, createdAt);
                // History is written silently at the times it happened: listeners hear only of what happens from now on.
                runScript(order, end, false, null);
                seller.orders.add(order);
                queue(order);
            }
        } finally {
            lock.writeLock().unlock();
        }
        log.debug("Backfilled {} orders for seller {}", n, sellerId);
        return n;
    }

    /**
     * Creates the live orders due by now and applies every scripted transition due by now, stamped
     * with now (so a poller never sees a change appear in the past). Returns the number of
     * transitions applied.
     */
    int advance() {
        return change(changes -> {
            long nowMs = clock.millis();
            long now = Math.floorDiv(nowMs, 1000);
            int created = 0;
            while (nextLiveArrivalMs <= nowMs) {
                if (created++ == MAX_LIVE_ORDERS_PER_TICK) {
                    nextLiveArrivalMs = nowMs + interarrivalMillis(); // the clock jumped far: skip, do not flood
                    break;
                }
                createLiveOrder(seller(null), now, changes);
                nextLiveArrivalMs += interarrivalMillis();
            }
            int applied = 0;
            SandboxOrder order;
            while ((order = dueScripts.peek()) != null && order.nextDue <= now) {
                dueScripts.poll();
                if (order.script == null) continue; // a test took the order over
                applied += runScript(order, now, true, changes);
                queue(order);
            }
            return applied;
        });
    }

    private void createLiveOrder(Seller seller, long now, List<Change> changes) {
        SandboxOrder order = newGeneratedOrder(seller, now);
        for (SandboxItem item : order.items) {
            seenStatuses.add(item.status);
            changes.add(new ItemStatusChange(seller.sellerId, order.orderId, item.itemId, item.status, now));
        }
        seller.orders.add(order);
        runScript(order, now, true, changes);
        queue(order);
    }

    private SandboxOrder newGeneratedOrder(Seller seller, long createdAt) {
        int seq = takeSeq();
        SandboxOrder order = generator.generate(seller, seq, orderId(seq), orderNumber(seq), this::nextItemId, createdAt);
        ordersById.put(order.orderId, order);
        return order;
    }

    /** Applies the script's steps due by {@code until}; at their own time (history) or at {@code until} (live). */
    private int runScript(SandboxOrder order, long until, boolean stampWithUntil, List<Change> changes) {
        int applied = 0;
        long[] script = order.script;
        while (script != null && order.nextStep < script.length && OrderScript.time(script[order.nextStep]) <= until) {
            long step = script[order.nextStep++];
            applyStep(order, step, stampWithUntil ? until : OrderScript.time(step), changes);
            applied++;
        }
        return applied;
    }

    private void queue(SandboxOrder order) {
        if (order.script != null && order.nextStep < order.script.length) {
            order.nextDue = OrderScript.time(order.script[order.nextStep]);
            dueScripts.add(order);
        } else {
            order.script = null; // done: free it
        }
    }

    private void applyStep(SandboxOrder order, long step, long at, List<Change> changes) {
        int mask = OrderScript.mask(step);
        int action = OrderScript.action(step);
        int arg = OrderScript.arg(step);
        List<SandboxItem> items = new ArrayList<>(order.items.length);
        for (int i = 0; i < order.items.length; i++) if ((mask & (1 << i)) != 0) items.add(order.items[i]);
        if (action == OrderScript.RETURN) {
            openReverse(order, items, arg == 1 ? ReverseOrder.ONLY_REFUND : ReverseOrder.RETURN, at, changes);
            for (SandboxItem item : items) changeStatus(order, item, "returned", "return-customer", null, at, changes);
            return;
        }
        for (SandboxItem item : items) {
            switch (action) {
                case OrderScript.PAY -> changeStatus(order, item, "pending", null, null, at, changes);
                case OrderScript.PACK -> changeStatus(order, item, "packed", null, null, at, changes);
                case OrderScript.READY -> changeStatus(order, item, "ready_to_ship", null, null, at, changes);
                case OrderScript.SHIP -> changeStatus(order, item, "shipped", null, null, at, changes);
                case OrderScript.DELIVER -> changeStatus(order, item, "delivered", null, null, at, changes);
                case OrderScript.CONFIRM -> changeStatus(order, item, "confirmed", null, null, at, changes);
                case OrderScript.CANCEL -> {
                    CancelCause cause = CancelCause.values()[arg];
                    changeStatus(order, item, "canceled", cause.initiator, cause.reason, at, changes);
                }
                case OrderScript.CANCEL_REQUEST -> requestCancel(order, item, at + arg * 3600L, at);
                case OrderScript.FAIL_DELIVERY ->
                        changeStatus(order, item, "failed_delivery", "cancellation-failed Delivery", "Customer unreachable", at, changes);
                case OrderScript.SHIP_BACK -> changeStatus(order, item, "shipped_back", null, null, at, changes);
                case OrderScript.SHIP_BACK_DONE -> changeStatus(order, item, "shipped_back_success", null, null, at, changes);
                case OrderScript.REVERSE -> {
                    if (item.reverse != null) reverseStatus(order, item, OrderScript.REVERSE_STATUSES[arg], at, changes);
                }
                default -> throw new IllegalStateException("unknown script action " + action);
            }
        }
    }

    // ---------------------------------------------------------------- the changes themselves

    /** The one place an item's status changes; {@code changes} is null for silent history. */
    private void changeStatus(SandboxOrder order, SandboxItem item, String status, String initiator, String reason,
                              long at, List<Change> changes) {
        String before = item.status;
        boolean wasUnpaid = before == null || "unpaid".equals(before);
        item.status = status;
        seenStatuses.add(status);
        if ("delivered".equals(status) && item.deliveredAt == 0) {
            // The first delivery only: confirmed or returned later, the fees stay posted from it.
            item.deliveredAt = at;
            ledger.delivered(order, item);
        }
        if (item.paymentTime == 0 && !"unpaid".equals(status) && !("canceled".equals(status) && wasUnpaid)) {
            item.paymentTime = at;
        }
        if (PACKAGED.contains(status)) item.flags |= HAS_PACKAGE;
        if (TRACKED.contains(status)) item.flags |= HAS_TRACKING;
        switch (status) {
            case "canceled" -> {
                item.initiator = initiator != null ? initiator : wasUnpaid ? "system-cancel" : "cancellation-seller";
                item.reason = reason != null ? reason : defaultCancelReason(item.initiator, wasUnpaid);
                item.flags &= ~(NEED_CANCEL_CONFIRM | CANCEL_PENDING);
            }
            case "returned" -> {
                item.initiator = initiator != null ? initiator : "return-customer";
                if (item.reverse == null) openReverse(order, List.of(item), ReverseOrder.RETURN, at, changes);
                item.reason = reason != null ? reason : item.reverse.reasonText;
            }
            default -> {
                if (initiator != null) {
                    item.initiator = initiator;
                    item.reason = reason;
                }
            }
        }
        item.updatedAt = at;
        refreshUpdatedAt(order);
        if (changes != null && !status.equals(before)) {
            changes.add(new ItemStatusChange(order.seller.sellerId, order.orderId, item.itemId, status, at));
        }
    }

    private static String defaultCancelReason(String initiator, boolean wasUnpaid) {
        return switch (initiator) {
            case "system-cancel" -> wasUnpaid ? CancelCause.UNPAID_TIMEOUT.reason : CancelCause.SHIPPING_SLA_MISSED.reason;
            case "cancellation-seller" -> CancelCause.SELLER_OUT_OF_STOCK.reason;
            case "cancellation-customer", "buyer-cancel" -> CancelCause.CUSTOMER_CHANGE_OF_MIND.reason;
            default -> "";
        };
    }

    private void requestCancel(SandboxOrder order, SandboxItem item, long trigger, long at) {
        item.flags |= NEED_CANCEL_CONFIRM | CANCEL_PENDING;
        item.cancelTriggerTime = trigger;
        item.updatedAt = at;
        refreshUpdatedAt(order);
    }

    private void openReverse(SandboxOrder order, List<SandboxItem> items, String requestType, long at, List<Change> changes) {
        long seq = nextReverseSeq++;
        ReverseOrder reverse = new ReverseOrder(reverseIdBase + seq * 10, order, requestType, at);
        int line = 1;
        for (SandboxItem item : items) {
            int reason = (int) Math.floorMod(OrderGenerator.mix(item.itemId), (long) RETURN_REASONS.length);
            ReverseOrder.Line l = new ReverseOrder.Line(reverse.reverseOrderId + line++, reverse, item, RETURN_REASON_CODES[reason],
                    RETURN_REASONS[reason], OrderScript.REVERSE_STATUSES[OrderScript.REQUEST_INITIATE], at);
            reverse.lines.add(l);
            item.reverse = l;
            if (changes != null) {
                changes.add(new ReverseStatusChange(order.seller.sellerId, reverse.reverseOrderId, l.lineId, l.status,
                        order.orderId, item.itemId, at));
            }
        }
        order.seller.reverseOrders.add(reverse);
    }

    private void reverseStatus(SandboxOrder order, SandboxItem item, String status, long at, List<Change> changes) {
        ReverseOrder.Line line = item.reverse;
        line.status = status;
        line.modifiedAt = at;
        ledger.refunded(order, item);
        item.updatedAt = at; // return_status is an item field: the order shows as updated
        refreshUpdatedAt(order);
        if (changes != null) {
            changes.add(new ReverseStatusChange(order.seller.sellerId, line.reverse.reverseOrderId, line.lineId, status,
                    order.orderId, item.itemId, at));
        }
    }

    private void refreshUpdatedAt(SandboxOrder order) {
        long latest = order.latestItemUpdate();
        if (order.listed) order.seller.orders.reindex(order, latest);
        else order.updatedAt = latest;
    }

    // ---------------------------------------------------------------- ids

    private int takeSeq() {
        if (nextSeq >= OrderBook.MAX_SEQ) throw new IllegalStateException("the sandbox is full");
        return nextSeq++;
    }

    private long orderId(int seq) {
        // 15 digits, growing with creation like Lazada's, with a last digit that is not a pattern.
        return orderIdBase + seq * 10L + Math.floorMod(OrderGenerator.mix(settings.seed(), seq), 10L);
    }

    private long orderNumber(int seq) {
        return orderNumberBase + seq;
    }

    private long nextItemId() {
        long seq = nextItemSeq++;
        return itemIdBase + seq * 10 + Math.floorMod(OrderGenerator.mix(settings.seed(), ~seq), 10L);
    }

    private long interarrivalMillis() {
        double mean = 60_000.0 / settings.liveOrdersPerMinute();
        return Math.max(1, (long) (-Math.log(1 - liveRandom.nextDouble()) * mean));
    }
}
