package io.lazadapos.lazada;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GetMultipleOrderItems calls of one list run at the same time, and a failing one fails the list only after the others end. */
class LazadaOrdersTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A reply of the shape Lazada gives: {code: "0", data: [{order_id, order_items: [...]}]}. */
    private static JsonNode itemsReply(String orderIdsParam) {
        ObjectNode root = LazadaJson.MAPPER.createObjectNode().put("code", "0");
        ArrayNode data = root.putArray("data");
        for (String id : orderIdsParam.replaceAll("[\\[\\]]", "").split(",")) {
            ObjectNode order = data.addObject().put("order_id", id);
            order.putArray("order_items").addObject().put("order_item_id", id + "1").put("status", "pending")
                    .put("paid_price", "10.00").put("shipping_amount", "0").put("currency", "IDR").put("sku", "A");
        }
        return root;
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(1000 + i));
        }
        return ids;
    }

    @Test
    void theBatchesOfOneListAreInFlightTogether() {
        CountDownLatch allInFlight = new CountDownLatch(3);
        LazadaOrders orders = new LazadaOrders(request -> {
            allInFlight.countDown();
            try {
                // Each call waits until all three are in flight: calls made one after the other never get there.
                if (!allInFlight.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the item calls were not made at the same time");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return itemsReply(request.params().get("order_ids"));
        }, ZoneOffset.ofHours(7), 50);
        orders.setItemsExecutor(pool);

        LazadaOrderReader.ItemsByOrder items = orders.itemsOf("s1", ids(120));

        assertThat(items.items()).hasSize(120);
        assertThat(new ArrayList<>(items.items().keySet())).isEqualTo(ids(120));
        assertThat(items.rejected()).isEmpty();
    }

    @Test
    void aFailingBatchFailsTheListAfterTheOthersEnded() {
        AtomicInteger ended = new AtomicInteger();
        LazadaOrders orders = new LazadaOrders(request -> {
            try {
                String idsParam = request.params().get("order_ids");
                if (idsParam.contains("1060")) {
                    throw LazadaApiException.of(LazadaErrorKind.MALFORMED_REPLY, "/orders/items/get", null, "bad batch", null, null);
                }
                sleepQuietly(200);
                return itemsReply(idsParam);
            } finally {
                ended.incrementAndGet();
            }
        }, ZoneOffset.ofHours(7), 50);
        orders.setItemsExecutor(pool);

        assertThatThrownBy(() -> orders.itemsOf("s1", ids(150))).isInstanceOf(LazadaApiException.class).hasMessageContaining("bad batch");
        assertThat(ended.get()).isEqualTo(3);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
