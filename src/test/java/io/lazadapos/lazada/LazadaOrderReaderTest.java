package io.lazadapos.lazada;

import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Order rows and items in both the string and the number forms, and a row that cannot be read. */
class LazadaOrderReaderTest {

    private final LazadaOrderReader reader = new LazadaOrderReader(ZoneOffset.ofHours(7));

    @Test
    void readsAPageAndKeepsUnreadableRowsAside() throws Exception {
        String data = "{\"count\":3,\"countTotal\":\"250\",\"orders\":["
                + "{\"order_id\":260422900198363,\"order_number\":\"300001\",\"created_at\":\"2026-11-30 22:44:30 +0700\","
                + "\"updated_at\":\"2026-11-30T23:00:00+07:00\",\"statuses\":[\"canceled\",\"pending\"],\"items_count\":\"2\","
                + "\"price\":\"150000.00\",\"voucher\":0,\"shipping_fee\":\"10000.00\",\"need_cancel_confirm\":\"false\"},"
                + "{\"order_id\":\"42\",\"updated_at\":\"2026-11-30 23:01:00\",\"statuses\":[\"pending\"],\"price\":99.5,\"voucher\":\"1.5\",\"shipping_fee\":0},"
                + "{\"order_id\":\"43\",\"updated_at\":\"not a date\"}]}";
        LazadaOrderReader.OrdersPage page = reader.ordersPage(LazadaJson.MAPPER.readTree(data));
        assertThat(page.countTotal()).isEqualTo(250);
        assertThat(page.rows()).isEqualTo(3);
        assertThat(page.orders()).hasSize(2);
        LazadaOrder first = page.orders().get(0);
        assertThat(first.orderId()).isEqualTo("260422900198363");
        assertThat(first.orderNumber()).isEqualTo("300001");
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-11-30T15:44:30Z"));
        assertThat(first.statuses()).containsExactly("canceled", "pending");
        assertThat(first.price()).isEqualByComparingTo("150000");
        LazadaOrder second = page.orders().get(1);
        assertThat(second.orderNumber()).isEqualTo("42");
        assertThat(second.updatedAt()).isEqualTo(Instant.parse("2026-11-30T16:01:00Z"));
        assertThat(page.rejected()).singleElement().satisfies(r -> {
            assertThat(r.orderId()).isEqualTo("43");
            assertThat(r.error()).contains("updated_at");
        });
    }

    @Test
    void readsItemsOfSeveralOrders() throws Exception {
        String data = "[{\"order_id\":1,\"order_items\":[{\"order_item_id\":11,\"status\":\"Pending\",\"paid_price\":\"100.00\","
                + "\"shipping_amount\":5,\"currency\":\"IDR\",\"sku\":\"A\",\"need_cancel_confirm\":true,"
                + "\"cancel_trigger_time\":\"2026-12-01 10:00:00 +0700\"}]},"
                + "{\"order_id\":\"2\",\"order_items\":\"oops\"}]";
        LazadaOrderReader.ItemsByOrder items = reader.itemsByOrder(LazadaJson.MAPPER.readTree(data));
        assertThat(items.items()).containsOnlyKeys("1");
        LazadaOrderItem item = items.items().get("1").get(0);
        assertThat(item.orderItemId()).isEqualTo("11");
        assertThat(item.status()).isEqualTo("pending");
        assertThat(item.paidPrice()).isEqualByComparingTo("100");
        assertThat(item.shippingAmount()).isEqualByComparingTo("5");
        assertThat(item.needCancelConfirm()).isTrue();
        assertThat(item.cancelTriggerTime()).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
        assertThat(items.rejected()).singleElement().satisfies(r -> assertThat(r.orderId()).isEqualTo("2"));
    }
}
