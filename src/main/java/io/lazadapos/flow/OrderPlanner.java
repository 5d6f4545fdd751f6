package io.lazadapos.flow;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

/**
 * Turns an order snapshot and the ledger's current state into an {@link OrderPlan}: the stage,
 * the lines, the money, the reviews, and whether the snapshot is stale or a duplicate.
 */
public final class OrderPlanner {

    private final OrderStageResolver resolver;
    private final java.util.function.Function<String, ZoneOffset> offsetOfSeller;
    private final java.util.function.Function<String, String> currencyOfSeller;
    private final Clock clock;
    private final Map<String, OrderSanity> sanityByCurrency = new java.util.concurrent.ConcurrentHashMap<>();

    public OrderPlanner(OrderStageResolver resolver, ZoneOffset sellerOffset, String defaultCurrency, Clock clock) {
        this(resolver, seller -> sellerOffset, seller -> defaultCurrency, clock);
    }

    /** Each seller's business dates in the offset of its country, its currency when an item names none. */
    public OrderPlanner(OrderStageResolver resolver, java.util.function.Function<String, ZoneOffset> offsetOfSeller,
            java.util.function.Function<String, String> currencyOfSeller, Clock clock) {
        this.resolver = resolver;
        this.offsetOfSeller = offsetOfSeller;
        this.currencyOfSeller = currencyOfSeller;
        this.clock = clock;
    }

    /** The sync source of reconciliation sweeps. */
    public static final String RECONCILE = "reconcile";

    public OrderStageResolver resolver() {
        return resolver;
    }

    /**
     * Plans a batch of snapshots against the ledger's state of their orders.
     *
     * @param snapshots the snapshots (of one seller or several); of two for one order, the newer counts
     * @param stateRows rows of the state query, each with {@code seller_id} and {@code order_id}
     * @param returnRows rows ({@code seller_id}, {@code order_id}, {@code order_item_id}) of lines under an active return
     */
    public BatchPlan planBatch(List<OrderSnapshot> snapshots, List<Map<String, Object>> stateRows, List<Map<String, Object>> returnRows) {
        Map<String, Map<String, Object>> states = new java.util.HashMap<>();
        if (stateRows != null) {
            stateRows.forEach(r -> states.put(key(r), r));
        }
        Map<String, List<Map<String, Object>>> returns = new java.util.HashMap<>();
        if (returnRows != null) {
            returnRows.forEach(r -> returns.computeIfAbsent(key(r), k -> new java.util.ArrayList<>()).add(r));
        }
        Map<String, OrderSnapshot> newest = new LinkedHashMap<>();
        for (OrderSnapshot s : snapshots) {
            newest.merge(s.sellerId() + "/" + s.orderId(), s,
                    (a, b) -> b.order().updatedAt().isBefore(a.order().updatedAt()) ? a : b);
        }
        List<OrderPlan> plans = new java.util.ArrayList<>();
        List<BatchPlan.Rejected> rejected = new java.util.ArrayList<>();
        int skipped = snapshots.size() - newest.size();
        OffsetDateTime now = now();
        for (Map.Entry<String, OrderSnapshot> e : newest.entrySet()) {
            try {
                OrderPlan p = plan(e.getValue(), LedgerState.fromRows(states.get(e.getKey()), returns.getOrDefault(e.getKey(), List.of())), now);
                if (p.skipped()) {
                    skipped++;
                } else {
                    plans.add(p);
                }
            } catch (RuntimeException ex) {
                rejected.add(new BatchPlan.Rejected(e.getValue(), ex));
            }
        }
        return new BatchPlan(plans, rejected, skipped, now);
    }

    /** Splits snapshots by seller: a batch's queries are per seller. */
    public static List<List<OrderSnapshot>> bySeller(List<OrderSnapshot> snapshots) {
        Map<String, List<OrderSnapshot>> groups = new LinkedHashMap<>();
        snapshots.forEach(s -> groups.computeIfAbsent(s.sellerId(), k -> new java.util.ArrayList<>()).add(s));
        return List.copyOf(groups.values());
    }

    /** The distinct keys of a seller's snapshots, sorted (the order in which their locks are taken). */
    public static List<Map<String, Object>> keysOf(List<OrderSnapshot> snapshots) {
        if (snapshots.stream().map(OrderSnapshot::sellerId).distinct().count() > 1) {
            throw new IllegalArgumentException("a batch holds the orders of one seller");
        }
        return snapshots.stream().map(OrderSnapshot::orderId).distinct().sorted()
                .map(id -> Map.<String, Object>of("sellerId", snapshots.get(0).sellerId(), "orderId", id)).toList();
    }

    /** Parameters of the batch's state queries: the seller and the order ids. */
    public static Map<String, Object> lookupOf(List<OrderSnapshot> snapshots) {
        return Map.of("sellerId", snapshots.get(0).sellerId(),
                "orderIds", snapshots.stream().map(OrderSnapshot::orderId).distinct().sorted().toList());
    }

    private static String key(Map<String, Object> row) {
        Map<String, Object> ci = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(row);
        return ci.get("seller_id") + "/" + ci.get("order_id");
    }

    /** For the order-sync route: the state comes as the row of its state query (null: unknown order). */
    public OrderPlan planFromRow(OrderSnapshot snapshot, Map<String, Object> stateRow, List<Map<String, Object>> activeReturns) {
        return plan(snapshot, LedgerState.fromRows(stateRow, activeReturns));
    }

    public OrderPlan plan(OrderSnapshot snapshot, LedgerState state) {
        return plan(snapshot, state, now());
    }

    /** The instant a batch's changes are recorded at (microseconds, as the ledger keeps them). */
    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private OrderPlan plan(OrderSnapshot snapshot, LedgerState state, OffsetDateTime now) {
        LazadaOrder order = snapshot.order();
        List<LazadaOrderItem> items = snapshot.items();
        if (items.isEmpty()) {
            throw new IllegalArgumentException("order " + order.orderId() + " came without items");
        }
        String defaultCurrency = currencyOfSeller.apply(snapshot.sellerId());
        sanityByCurrency.computeIfAbsent(defaultCurrency, OrderSanity::new).check(snapshot, clock.instant());
        Map<String, String> statuses = new LinkedHashMap<>();
        items.forEach(i -> statuses.put(i.orderItemId(), effectiveStatus(i, state)));
        StageDerivation derivation = resolver.derive(statuses);
        Stage stage = derivation.stage();
        String fingerprint = fingerprint(items, statuses, stage);
        // Lazada's own statuses order same-second snapshots; our return overlay must not make a fresh one look stale.
        int progress = items.stream().mapToInt(i -> resolver.mapping().stageOf(i.status()).itemProgress()).sum();

        OrderPlan.Skip skip = OrderPlan.Skip.NONE;
        if (state.known() && state.lazadaUpdatedAt() != null) {
            int cmp = order.updatedAt().compareTo(state.lazadaUpdatedAt());
            if (cmp < 0) {
                skip = OrderPlan.Skip.STALE;
            } else if (cmp == 0 && fingerprint.equals(state.fingerprint()) && !RECONCILE.equals(snapshot.source())) {
                // A reconciliation sweep re-applies the same snapshot on purpose: every step is idempotent,
                // so a ledger whose documents fell behind its stage catches up, and a sound one is unchanged.
                skip = OrderPlan.Skip.DUPLICATE;
            } else if (cmp == 0 && progress < state.progress()) {
                // Same second, items less far along: an older snapshot (Lazada's updated_at has seconds only).
                skip = OrderPlan.Skip.STALE;
            }
        }

        String sellerId = snapshot.sellerId();
        String orderId = order.orderId();
        String currency = items.stream().map(LazadaOrderItem::currency).filter(c -> c != null && !c.isBlank())
                .findFirst().orElse(defaultCurrency);

        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal linesTotal = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        for (LazadaOrderItem item : items) {
            LineRemoval removal = derivation.removedLines().get(item.orderItemId());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sellerId", sellerId);
            line.put("orderId", orderId);
            line.put("orderItemId", item.orderItemId());
            line.put("sku", item.sku());
            line.put("name", truncate(item.name(), 500));
            line.put("amount", item.paidPrice());
            line.put("shippingAmount", item.shippingAmount());
            line.put("status", item.status());
            lines.add(line);
            if (removal == null) {
                linesTotal = linesTotal.add(item.paidPrice());
                shipping = shipping.add(item.shippingAmount());
            }
        }
        List<Map<String, Object>> removedLines = new ArrayList<>();
        derivation.removedLines().forEach((item, removal) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sellerId", sellerId);
            m.put("orderId", orderId);
            m.put("orderItemId", item);
            m.put("reason", removal.name());
            removedLines.add(m);
        });

        BigDecimal expected = order.price().subtract(order.voucher()).add(order.shippingFee());
        BigDecimal total = linesTotal.add(shipping);

        List<Map<String, Object>> reviews = new ArrayList<>();
        if (stage == Stage.UNMAPPED) {
            reviews.add(review(sellerId, orderId, ReviewReason.UNMAPPED_STATUS,
                    "unknown Lazada status " + String.join(", ", derivation.unmappedStatuses()), null));
        } else {
            if (stage.hasInvoice() && !derivation.anyLineRemoved() && expected.compareTo(total) != 0) {
                reviews.add(review(sellerId, orderId, ReviewReason.AMOUNT_MISMATCH,
                        "order says " + expected.toPlainString() + " (price - voucher + shipping fee), invoice total is "
                                + total.toPlainString(), null));
            }
            if (stage == Stage.RETURNED) {
                reviews.add(review(sellerId, orderId, ReviewReason.RETURN_REQUESTED,
                        "returned or refunded lines: " + String.join(", ", derivation.returnedItems()), null));
            }
            if (derivation.partialFailedDelivery()) {
                reviews.add(review(sellerId, orderId, ReviewReason.PARTIAL_FAILED_DELIVERY,
                        "failed delivery of lines: " + String.join(", ", derivation.failedItems()), null));
            }
            if (stage == Stage.CANCELED && state.invoiceSent()) {
                reviews.add(review(sellerId, orderId, ReviewReason.CANCEL_AFTER_SENT,
                        "cancelled after the parcel was sent", null));
            }
            Instant deadline = buyerCancelDeadline(items);
            if (stage != Stage.CANCELED && (deadline != null || items.stream().anyMatch(LazadaOrderItem::needCancelConfirm))) {
                reviews.add(review(sellerId, orderId, ReviewReason.BUYER_CANCEL_REQUEST,
                        "buyer asked to cancel" + (deadline == null ? "" : "; Lazada cancels by itself at " + deadline),
                        deadline == null ? null : deadline.atOffset(ZoneOffset.UTC)));
            }
        }

        String recycleReason = null;
        if (stage == Stage.FAILED_DELIVERY) {
            recycleReason = RecycleReason.FAILED_DELIVERY.name();
        } else if (stage == Stage.CANCELED) {
            String initiator = items.stream().map(LazadaOrderItem::cancelReturnInitiator)
                    .filter(i -> i != null && !i.isBlank()).reduce((a, b) -> b).orElse(null);
            RecycleReason r = RecycleReason.ofInitiator(initiator);
            recycleReason = (r == RecycleReason.FAILED_DELIVERY ? RecycleReason.SYSTEM_CANCEL : r).name();
        }

        Instant created = order.createdAt() != null ? order.createdAt() : order.updatedAt();
        return new OrderPlan(
                skip,
                sellerId,
                orderId,
                order.orderNumber(),
                snapshot.source(),
                stage,
                items.stream().map(LazadaOrderItem::status).collect(Collectors.toCollection(TreeSet::new)).stream()
                        .collect(Collectors.joining(",")),
                order.updatedAt().atOffset(ZoneOffset.UTC),
                created.atOffset(ZoneOffset.UTC),
                now,
                created.atOffset(offsetOfSeller.apply(snapshot.sellerId())).toLocalDate(),
                currency,
                order.price(),
                order.voucher(),
                order.shippingFee(),
                expected,
                "SO-" + order.orderNumber(),
                "INV-" + order.orderNumber(),
                recycleReason,
                state.known(),
                stage == Stage.CANCELED && state.invoiceSent(),
                "UNMAPPED".equals(state.stage()) && stage != Stage.UNMAPPED,
                state.stage(),
                state.restoreCount(),
                fingerprint,
                progress,
                List.copyOf(lines),
                List.copyOf(removedLines),
                List.copyOf(reviews));
    }

    /**
     * Whether a stored return case changes how the order's items count, so that the order must be
     * synced again: the order is unknown yet, or one of the case's items is delivered by Lazada's
     * status (then only the case says whether it counts as returned). Items Lazada already shows
     * as returned need no second look, which saves two API calls per return.
     *
     * @param lines the order's ledger lines ({@code order_item_id}, {@code status}); empty when unknown
     */
    public boolean returnNeedsOrderSync(ReturnCase returnCase, List<Map<String, Object>> lines) {
        if (lines == null || lines.isEmpty()) {
            return true;
        }
        java.util.Set<String> caseItems = new java.util.HashSet<>();
        returnCase.lines().forEach(l -> caseItems.add((String) l.get("orderItemId")));
        for (Map<String, Object> line : lines) {
            Map<String, Object> ci = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ci.putAll(line);
            if (caseItems.contains(String.valueOf(ci.get("order_item_id")))
                    && resolver.mapping().stageOf((String) ci.get("status")) == Stage.DELIVERED) {
                return true;
            }
        }
        return false;
    }

    /**
     * A delivered item under an open (or refunded) return or refund-only request counts as
     * returned: Lazada may keep such an item {@code delivered}, only the reverse order tells.
     */
    private String effectiveStatus(LazadaOrderItem item, LedgerState state) {
        if (state.activeReturnItems().contains(item.orderItemId()) && resolver.mapping().stageOf(item.status()) == Stage.DELIVERED) {
            return "returned";
        }
        return item.status();
    }

    private static Instant buyerCancelDeadline(List<LazadaOrderItem> items) {
        return items.stream().filter(i -> i.needCancelConfirm() || i.cancelPending())
                .map(LazadaOrderItem::cancelTriggerTime).filter(t -> t != null).min(Instant::compareTo).orElse(null);
    }

    private static Map<String, Object> review(String sellerId, String orderId, ReviewReason reason, String detail, OffsetDateTime dueAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sellerId", sellerId);
        m.put("orderId", orderId);
        m.put("reason", reason.name());
        m.put("detail", truncate(detail, 1000));
        m.put("dueAt", dueAt);
        return m;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Identifies what a snapshot means beside its updated_at: item statuses as the POS sees them
     * (returns included), cancel flags, and the stage the current mapping gives them (so a status
     * mapped later makes the same snapshot apply again).
     */
    static String fingerprint(List<LazadaOrderItem> items, Map<String, String> effective, Stage stage) {
        StringBuilder sb = new StringBuilder(stage.name()).append('|');
        items.stream().sorted((a, b) -> a.orderItemId().compareTo(b.orderItemId())).forEach(i -> sb
                .append(i.orderItemId()).append(':').append(effective.getOrDefault(i.orderItemId(), i.status())).append(':')
                .append(i.needCancelConfirm()).append(':').append(i.cancelPending()).append(':')
                .append(i.cancelReturnInitiator()).append(';'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
