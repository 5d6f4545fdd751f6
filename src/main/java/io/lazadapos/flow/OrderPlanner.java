package io.lazadapos.flow;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
        return planBatch(snapshots, stateRows, returnRows, List.of(), List.of());
    }

    /**
     * @param lineRows the known orders' {@code order_line} rows (see {@link LedgerState#fromRows(Map, List, List, List)})
     * @param reviewRows the known orders' {@code review} rows
     */
    public BatchPlan planBatch(List<OrderSnapshot> snapshots, List<Map<String, Object>> stateRows, List<Map<String, Object>> returnRows,
            List<Map<String, Object>> lineRows, List<Map<String, Object>> reviewRows) {
        Map<String, Map<String, Object>> states = new java.util.HashMap<>();
        if (stateRows != null) {
            stateRows.forEach(r -> states.put(key(r), r));
        }
        Map<String, List<Map<String, Object>>> returns = byOrder(returnRows);
        Map<String, List<Map<String, Object>>> lines = byOrder(lineRows);
        Map<String, List<Map<String, Object>>> reviews = byOrder(reviewRows);
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
                String k = e.getKey();
                LedgerState state = LedgerState.fromRows(states.get(k), returns.getOrDefault(k, List.of()),
                        lines.getOrDefault(k, List.of()), reviews.getOrDefault(k, List.of()));
                OrderPlan p = plan(e.getValue(), state, now);
                if (p.skipped()) {
                    skipped++;
                } else {
                    plans.add(p);
                }
            } catch (RuntimeException ex) {
                rejected.add(new BatchPlan.Rejected(e.getValue(), ex));
            }
        }
        return new BatchPlan(plans, rejected, skipped);
    }

    private static Map<String, List<Map<String, Object>>> byOrder(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> m = new java.util.HashMap<>();
        if (rows != null) {
            rows.forEach(r -> m.computeIfAbsent(key(r), k -> new java.util.ArrayList<>()).add(r));
        }
        return m;
    }

    /**
     * Parameters of the queries of the known orders' lines and reviews: the ids of the orders the
     * state query found (none on a backfill's pages, which then skip those queries).
     */
    public static Map<String, Object> knownLookupOf(List<Map<String, Object>> stateRows) {
        List<Object> ids = new java.util.ArrayList<>();
        if (stateRows != null) {
            for (Map<String, Object> r : stateRows) {
                Map<String, Object> ci = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                ci.putAll(r);
                ids.add(ci.get("order_id"));
            }
        }
        return Map.of("orderIds", ids.stream().distinct().toList());
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

        // The order's lines as the ledger will hold them after this batch's line steps: the ledger's
        // (known orders) with the snapshot's new items added and its removed items flagged. The lines
        // step writes the lines that are new or changed, the removal step the lines removed now, and
        // the documents' totals are those of the lines that stay.
        boolean linesApply = stage != Stage.UNMAPPED;
        Map<String, LedgerState.Line> ledgerLines = new LinkedHashMap<>(state.lines());
        List<Map<String, Object>> lineChanges = new ArrayList<>();
        BigDecimal linesTotal = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        for (LazadaOrderItem item : items) {
            if (derivation.removedLines().get(item.orderItemId()) == null) {
                linesTotal = linesTotal.add(item.paidPrice());
                shipping = shipping.add(item.shippingAmount());
            }
            LedgerState.Line held = ledgerLines.get(item.orderItemId());
            if (!linesApply || (held != null && java.util.Objects.equals(held.status(), item.status()))) {
                continue;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sellerId", sellerId);
            line.put("orderId", orderId);
            line.put("orderItemId", item.orderItemId());
            line.put("sku", item.sku());
            line.put("name", truncate(item.name(), 500));
            line.put("amount", item.paidPrice());
            line.put("shippingAmount", item.shippingAmount());
            line.put("status", item.status());
            line.put("change", held == null ? "NEW_LINE" : "STATUS");
            lineChanges.add(line);
            ledgerLines.put(item.orderItemId(), held == null
                    ? new LedgerState.Line(item.status(), false, item.paidPrice(), item.shippingAmount())
                    : new LedgerState.Line(item.status(), held.removed(), held.amount(), held.shippingAmount()));
        }
        List<Map<String, Object>> removedLines = new ArrayList<>();
        if (linesApply) {
            derivation.removedLines().forEach((item, removal) -> {
                LedgerState.Line held = ledgerLines.get(item);
                if (held == null || held.removed()) {
                    return;
                }
                ledgerLines.put(item, new LedgerState.Line(held.status(), true, held.amount(), held.shippingAmount()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("sellerId", sellerId);
                m.put("orderId", orderId);
                m.put("orderItemId", item);
                m.put("reason", removal.name());
                removedLines.add(m);
            });
        }
        BigDecimal documentLines = BigDecimal.ZERO;
        BigDecimal documentShipping = BigDecimal.ZERO;
        for (LedgerState.Line l : ledgerLines.values()) {
            if (!l.removed()) {
                documentLines = documentLines.add(l.amount());
                documentShipping = documentShipping.add(l.shippingAmount());
            }
        }

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

        // Reviews are opened once per reason (an open or resolved one is not reopened); a held order's
        // UNMAPPED_STATUS review closes when its statuses are mapped, if a person has not closed it.
        reviews.removeIf(r -> state.reviews().containsKey((String) r.get("reason")));
        boolean released = "UNMAPPED".equals(state.stage()) && stage != Stage.UNMAPPED
                && Boolean.TRUE.equals(state.reviews().get(ReviewReason.UNMAPPED_STATUS.name()));

        Instant created = order.createdAt() != null ? order.createdAt() : order.updatedAt();
        OffsetDateTime updatedAt = order.updatedAt().atOffset(ZoneOffset.UTC);
        LocalDate businessDate = created.atOffset(offsetOfSeller.apply(snapshot.sellerId())).toLocalDate();
        String salesOrderNumber = "SO-" + order.orderNumber();
        String invoiceNumber = "INV-" + order.orderNumber();
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("sellerId", sellerId);
        base.put("orderId", orderId);
        base.put("orderNumber", order.orderNumber());
        base.put("stage", stage.name());
        base.put("source", snapshot.source());
        base.put("newOrder", !state.known());
        base.put("now", now);
        base.put("lazadaUpdatedAt", updatedAt);
        Map<PosStep, Map<String, Object>> steps = skip != OrderPlan.Skip.NONE ? Map.of()
                : stepsOf(stage, state, base, new Documents(salesOrderNumber, invoiceNumber, currency, businessDate,
                        documentLines, documentShipping, recycleReason));
        return new OrderPlan(
                skip,
                sellerId,
                orderId,
                order.orderNumber(),
                snapshot.source(),
                stage,
                items.stream().map(LazadaOrderItem::status).collect(Collectors.toCollection(TreeSet::new)).stream()
                        .collect(Collectors.joining(",")),
                updatedAt,
                created.atOffset(ZoneOffset.UTC),
                now,
                businessDate,
                currency,
                order.price(),
                order.voucher(),
                order.shippingFee(),
                expected,
                salesOrderNumber,
                invoiceNumber,
                recycleReason,
                state.known(),
                stage == Stage.CANCELED && state.invoiceSent(),
                released,
                state.stage(),
                state.restoreCount(),
                fingerprint,
                progress,
                withBase(lineChanges, base),
                withBase(removedLines, base),
                withBase(reviews, base),
                steps);
    }

    /** What an order's documents are made of, for the maps of the steps that write them. */
    private record Documents(String salesOrderNumber, String invoiceNumber, String currency, LocalDate businessDate,
            BigDecimal linesTotal, BigDecimal shipping, String recycleReason) {
        BigDecimal total() {
            return linesTotal.add(shipping);
        }
    }

    /**
     * The POS steps that change the order in this batch, each with the map its route receives. A
     * stage reaches every step up to it (pos-flow.md); of those, a step changes the order only when
     * its document is not there yet: this follows, one by one, the guards of the steps' SQL over
     * the ledger's state read under the order's lock (the SQL keeps them, as the last safety net).
     */
    private static Map<PosStep, Map<String, Object>> stepsOf(Stage stage, LedgerState state, Map<String, Object> base, Documents d) {
        List<PosStep> reached = switch (stage) {
            case AWAITING_PAYMENT -> List.of(PosStep.CREATE_SALES_ORDER);
            case PAID, READY_TO_SHIP -> List.of(PosStep.CREATE_INVOICE);
            case SHIPPED -> List.of(PosStep.CREATE_INVOICE, PosStep.MARK_SENT);
            case DELIVERED, RETURNED -> List.of(PosStep.CREATE_INVOICE, PosStep.MARK_SENT, PosStep.ADD_PAYMENT);
            case FAILED_DELIVERY -> List.of(PosStep.CREATE_INVOICE, PosStep.MARK_SENT, PosStep.RECYCLE_INVOICE);
            case CANCELED -> List.of(PosStep.VOID_SALES_ORDER, PosStep.RECYCLE_INVOICE);
            case UNMAPPED -> List.of();
        };
        String salesOrder = state.salesOrderStatus();
        boolean invoice = state.invoiceExists();
        boolean sent = state.invoiceSent();
        boolean paid = state.invoicePaid();
        boolean recycled = state.invoiceRecycled();
        OffsetDateTime now = (OffsetDateTime) base.get("now");
        Map<PosStep, Map<String, Object>> steps = new java.util.EnumMap<>(PosStep.class);
        for (PosStep step : reached) {
            Map<String, Object> m = new LinkedHashMap<>(base);
            switch (step) {
                case CREATE_SALES_ORDER -> {
                    if (salesOrder != null || invoice) {
                        continue;
                    }
                    salesOrder = "OPEN";
                    m.put("salesOrderNumber", d.salesOrderNumber());
                    m.put("salesOrderStatus", "OPEN");
                    m.put("currency", d.currency());
                    m.put("total", d.total());
                    m.put("businessDate", d.businessDate());
                    m.put("eventType", "CREATE_SALES_ORDER");
                }
                case CREATE_INVOICE -> {
                    if (invoice) {
                        continue;
                    }
                    boolean converted = "OPEN".equals(salesOrder);
                    if (converted) {
                        salesOrder = "CONVERTED";
                    }
                    invoice = true;
                    m.put("invoiceNumber", d.invoiceNumber());
                    m.put("convertedFrom", converted ? d.salesOrderNumber() : null);
                    m.put("paymentStatus", "UNPAID");
                    m.put("deliveryStatus", "UNSENT");
                    m.put("currency", d.currency());
                    m.put("linesTotal", d.linesTotal());
                    m.put("shipping", d.shipping());
                    m.put("total", d.total());
                    m.put("businessDate", d.businessDate());
                    m.put("eventType", converted ? "CONVERT_TO_INVOICE" : "CREATE_INVOICE");
                }
                case MARK_SENT -> {
                    if (!invoice || sent || recycled) {
                        continue;
                    }
                    sent = true;
                    m.put("invoiceNumber", d.invoiceNumber());
                    m.put("deliveryStatus", "SENT");
                    m.put("sentAt", now);
                    m.put("eventType", "MARK_SENT");
                }
                case ADD_PAYMENT -> {
                    if (!invoice || paid || recycled) {
                        continue;
                    }
                    paid = true;
                    m.put("invoiceNumber", d.invoiceNumber());
                    m.put("paymentStatus", "PAID");
                    m.put("paidAt", now);
                    m.put("currency", d.currency());
                    m.put("amount", d.total());
                    m.put("eventType", "ADD_PAYMENT");
                }
                case VOID_SALES_ORDER -> {
                    if (!"OPEN".equals(salesOrder)) {
                        continue;
                    }
                    salesOrder = "VOID";
                    m.put("salesOrderNumber", d.salesOrderNumber());
                    m.put("salesOrderStatus", "VOID");
                    m.put("voidedAt", now);
                    m.put("eventType", "VOID_SALES_ORDER");
                }
                case RECYCLE_INVOICE -> {
                    // An invoice an operator restored from the bin is recycled again only by a snapshot
                    // that moves the order into this stage from another (a new cancel).
                    if (!invoice || recycled || (state.restoreCount() > 0 && stage.name().equals(state.stage()))) {
                        continue;
                    }
                    recycled = true;
                    String cycleSuffix = state.restoreCount() == 0 ? "" : "#" + (state.restoreCount() + 1);
                    m.put("invoiceNumber", d.invoiceNumber());
                    m.put("recycleReason", d.recycleReason());
                    m.put("recycledAt", now);
                    m.put("previousStage", state.stage() == null ? "" : state.stage());
                    m.put("cycleSuffix", cycleSuffix);
                    m.put("eventType", "RECYCLE_INVOICE");
                    m.put("eventSubject", d.recycleReason() + cycleSuffix);
                }
            }
            steps.put(step, m);
        }
        return steps;
    }

    /** Rows with the order's fields every step's map has (events, the integrator's edits). */
    private static List<Map<String, Object>> withBase(List<Map<String, Object>> rows, Map<String, Object> base) {
        List<Map<String, Object>> all = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>(base);
            m.putAll(row);
            all.add(m);
        }
        return List.copyOf(all);
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
