package io.lazadapos.routes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.lazada.LazadaOrderItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each POS step route writes an order the ledger did not know with plain statements, and a known
 * order with its guarded ones. Both must leave the same ledger. A twin of
 * each order is first held (an unmapped status: known, but without lines or documents), so its
 * real snapshot takes the steps; the two orders' rows are then compared, for every stage.
 */
class NewAndKnownOrdersTest extends WholeRuntimeTestSupport {

    private static final AtomicLong IDS = new AtomicLong(7_000_000);
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

    private static OrderSnapshot snapshot(String orderId, Instant updatedAt, String initiator, String... statuses) {
        List<LazadaOrderItem> items = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            BigDecimal paid = new BigDecimal("10.25").add(BigDecimal.valueOf(i));
            items.add(new LazadaOrderItem(orderId + "-" + i, statuses[i], "SKU-" + i, null, "Thing " + i, null, paid, paid,
                    new BigDecimal("1.50"), BigDecimal.ZERO, "IDR", statuses[i].equals("canceled") ? initiator : null, null, false,
                    false, null, null, null, T, updatedAt));
        }
        BigDecimal price = items.stream().map(LazadaOrderItem::paidPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal shipping = new BigDecimal("1.50").multiply(BigDecimal.valueOf(statuses.length));
        LazadaOrder order = new LazadaOrder(orderId, "N" + orderId, T, updatedAt, List.of(statuses), statuses.length, price,
                BigDecimal.ZERO, shipping, "COD", false, false);
        return new OrderSnapshot("default", order, items, "poll");
    }

    /** Everything the ledger holds for an order, with its id taken out and instants reduced to set or not. */
    private List<String> ledgerOf(String orderId) {
        JdbcTemplate jdbc = jdbc();
        List<String> rows = new ArrayList<>();
        jdbc.queryForList("SELECT order_item_id, sku, name, amount, shipping_amount, status, removed, removed_reason FROM order_line "
                + "WHERE order_id = ? ORDER BY order_item_id", orderId).forEach(r -> rows.add("line " + r));
        jdbc.queryForList("SELECT number, status, currency, total, business_date, created_at IS NOT NULL AS created, "
                + "converted_at IS NOT NULL AS converted, voided_at IS NOT NULL AS voided FROM sales_order WHERE order_id = ?", orderId)
                .forEach(r -> rows.add("sales order " + r));
        jdbc.queryForList("SELECT number, payment_status, delivery_status, recycled, recycle_reason, currency, lines_total, shipping, "
                + "total, business_date, restore_count, created_at IS NOT NULL AS created, sent_at IS NOT NULL AS sent, "
                + "paid_at IS NOT NULL AS paid, recycled_at IS NOT NULL AS recycled_at_set, restored_at IS NOT NULL AS restored "
                + "FROM invoice WHERE order_id = ?", orderId).forEach(r -> rows.add("invoice " + r));
        // The held twin's own review and its release are the only events the two may differ by.
        jdbc.queryForList("SELECT type, subject, source, note FROM ledger_event WHERE order_id = ? "
                + "AND NOT (type IN ('OPEN_REVIEW', 'RESOLVE_REVIEW') AND subject = 'UNMAPPED_STATUS') ORDER BY id", orderId)
                .forEach(r -> rows.add("event " + r));
        jdbc.queryForList("SELECT reason, detail, resolved_at IS NOT NULL AS resolved FROM review WHERE order_id = ? "
                + "AND reason <> 'UNMAPPED_STATUS' ORDER BY reason", orderId).forEach(r -> rows.add("review " + r));
        jdbc.queryForList("SELECT stage, tab, lazada_statuses, currency, price, voucher, shipping_fee FROM pos_order WHERE order_id = ?",
                orderId).forEach(r -> rows.add("order " + r));
        return rows.stream().map(r -> r.replace(orderId, "<id>")).toList();
    }

    private void assertSameLedger(String initiator, String... statuses) {
        String fresh = Long.toString(IDS.incrementAndGet());
        String held = Long.toString(IDS.incrementAndGet());
        template.sendBody("direct:sync-order", snapshot(fresh, T.plusSeconds(1), initiator, statuses));
        String[] unmapped = new String[statuses.length];
        java.util.Arrays.fill(unmapped, "status_nobody_mapped");
        template.sendBody("direct:sync-order", snapshot(held, T, initiator, unmapped));
        assertThat(jdbc().queryForObject("SELECT stage FROM pos_order WHERE order_id = ?", String.class, held)).isEqualTo("UNMAPPED");
        template.sendBody("direct:sync-order", snapshot(held, T.plusSeconds(1), initiator, statuses));

        List<String> freshRows = ledgerOf(fresh);
        assertThat(freshRows).as("the ledger of a new order %s", List.of(statuses)).isEqualTo(ledgerOf(held));
        assertThat(freshRows).anyMatch(r -> r.startsWith("line "));
    }

    @Test
    void aNewOrderLeavesWhatTheStepsOfItsStageWrite() {
        assertSameLedger(null, "unpaid");
        assertSameLedger(null, "pending");
        assertSameLedger(null, "ready_to_ship", "packed");
        assertSameLedger(null, "shipped");
        assertSameLedger(null, "delivered", "confirmed");
        assertSameLedger(null, "returned", "delivered");
        assertSameLedger(null, "failed_delivery");
        assertSameLedger("cancellation-seller", "canceled", "canceled");
        assertSameLedger("buyer-cancel", "canceled");
    }

    @Test
    void partlyCancelledOrFailedNewOrdersToo() {
        assertSameLedger("buyer-cancel", "canceled", "pending");
        assertSameLedger("buyer-cancel", "canceled", "unpaid", "unpaid");
        assertSameLedger(null, "failed_delivery", "delivered");
        assertSameLedger(null, "failed_delivery", "shipped_back");
        assertSameLedger("cancellation-seller", "canceled", "shipped");
    }

    @Test
    void aReplayOfANewOrdersSnapshotWritesNothing() {
        String id = Long.toString(IDS.incrementAndGet());
        template.sendBody("direct:sync-order", snapshot(id, T, null, "delivered", "canceled"));
        List<String> first = ledgerOf(id);
        assertThat(first).filteredOn(r -> r.startsWith("event ")).hasSize(4); // REMOVE_LINE, CREATE_INVOICE, MARK_SENT, ADD_PAYMENT
        template.sendBody("direct:sync-order", new OrderSnapshot("default", snapshot(id, T, null, "delivered", "canceled").order(),
                snapshot(id, T, null, "delivered", "canceled").items(), io.lazadapos.flow.OrderPlanner.RECONCILE));
        assertThat(ledgerOf(id)).isEqualTo(first);
        Map<String, Object> totals = jdbc().queryForMap("SELECT lines_total, shipping, total FROM invoice WHERE order_id = ?", id);
        assertThat((BigDecimal) totals.get("TOTAL")).isEqualByComparingTo("11.75");
    }
}
