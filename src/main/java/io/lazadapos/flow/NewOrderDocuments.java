package io.lazadapos.flow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows that the first snapshot of an order writes, computed here instead of by the POS steps.
 *
 * <p>An order the ledger does not know yet (checked under its lock) has no line, document or event:
 * the steps' guards ("no invoice yet", "no such event yet") would all pass, so their outcome is known
 * before any SQL runs. Writing it with plain inserts spares every guard's lookup; on a backfill that
 * is most of the ledger's work. The rows are exactly what the steps of the order's stage write, in
 * the steps' order: removed lines, then the sales order or the invoice (its totals from the lines
 * that stay), delivery Sent, payment Paid, the recycle bin. Reviews still go through their step.
 */
public final class NewOrderDocuments {

    private final List<Map<String, Object>> lines = new ArrayList<>();
    private final List<Map<String, Object>> salesOrders = new ArrayList<>();
    private final List<Map<String, Object>> invoices = new ArrayList<>();
    private final List<Map<String, Object>> events = new ArrayList<>();

    /** @param plans plans of orders the ledger does not know ({@link OrderPlan#knownOrder()} false) */
    public NewOrderDocuments(List<OrderPlan> plans) {
        for (OrderPlan p : plans) {
            if (p.knownOrder()) {
                throw new IllegalArgumentException("order " + p.orderId() + " is in the ledger already");
            }
            add(p);
        }
    }

    /** Lines with their removal flag and reason already set. */
    public List<Map<String, Object>> lines() {
        return lines;
    }

    public List<Map<String, Object>> salesOrders() {
        return salesOrders;
    }

    public List<Map<String, Object>> invoices() {
        return invoices;
    }

    /** Ledger events, each order's in the order its steps would write them. */
    public List<Map<String, Object>> events() {
        return events;
    }

    private void add(OrderPlan p) {
        // A held order (UNMAPPED) gets no lines and no documents until its statuses are mapped.
        if (p.stage() == Stage.UNMAPPED) {
            return;
        }
        Map<String, String> removed = new HashMap<>();
        p.removedLines().forEach(r -> removed.put((String) r.get("orderItemId"), (String) r.get("reason")));
        BigDecimal linesTotal = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        for (Map<String, Object> line : p.lines()) {
            String reason = removed.get((String) line.get("orderItemId"));
            Map<String, Object> row = new HashMap<>(line);
            row.put("removed", reason != null);
            row.put("removedReason", reason);
            lines.add(row);
            if (reason == null) {
                linesTotal = linesTotal.add((BigDecimal) line.get("amount"));
                shipping = shipping.add((BigDecimal) line.get("shippingAmount"));
            }
        }
        p.removedLines().forEach(r -> event(p, "REMOVE_LINE", (String) r.get("orderItemId")));
        BigDecimal total = linesTotal.add(shipping);

        Stage s = p.stage();
        if (s == Stage.AWAITING_PAYMENT) {
            Map<String, Object> so = document(p);
            so.put("number", p.salesOrderNumber());
            so.put("total", total);
            salesOrders.add(so);
            event(p, "CREATE_SALES_ORDER", "");
        } else if (s.hasInvoice()) {
            boolean sent = s != Stage.PAID && s != Stage.READY_TO_SHIP;
            boolean paid = s == Stage.DELIVERED || s == Stage.RETURNED;
            boolean recycled = s == Stage.FAILED_DELIVERY;
            Map<String, Object> inv = document(p);
            inv.put("number", p.invoiceNumber());
            inv.put("linesTotal", linesTotal);
            inv.put("shipping", shipping);
            inv.put("total", total);
            inv.put("paymentStatus", paid ? "PAID" : "UNPAID");
            inv.put("deliveryStatus", sent ? "SENT" : "UNSENT");
            inv.put("sentAt", sent ? p.now() : null);
            inv.put("paidAt", paid ? p.now() : null);
            inv.put("recycled", recycled);
            inv.put("recycleReason", recycled ? p.recycleReason() : null);
            inv.put("recycledAt", recycled ? p.now() : null);
            invoices.add(inv);
            event(p, "CREATE_INVOICE", "");
            if (sent) {
                event(p, "MARK_SENT", "");
            }
            if (paid) {
                event(p, "ADD_PAYMENT", "");
            }
            if (recycled) {
                event(p, "RECYCLE_INVOICE", p.recycleReason());
            }
        }
        // CANCELED: a new order has no sales order to void and no invoice to recycle.
    }

    private static Map<String, Object> document(OrderPlan p) {
        Map<String, Object> d = new HashMap<>();
        d.put("sellerId", p.sellerId());
        d.put("orderId", p.orderId());
        d.put("currency", p.currency());
        d.put("businessDate", p.businessDate());
        d.put("now", p.now());
        return d;
    }

    private void event(OrderPlan p, String type, String subject) {
        Map<String, Object> e = new HashMap<>();
        e.put("sellerId", p.sellerId());
        e.put("orderId", p.orderId());
        e.put("type", type);
        e.put("subject", subject);
        e.put("now", p.now());
        e.put("source", p.source());
        e.put("lazadaUpdatedAt", p.lazadaUpdatedAt());
        events.add(e);
    }
}
