package io.lazadapos.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.lazadapos.flow.OrderSnapshot;
import io.lazadapos.it.TestClock;
import io.lazadapos.it.TestDatabase;
import io.lazadapos.lazada.LazadaFields;
import io.lazadapos.lazada.LazadaJson;
import io.lazadapos.lazada.LazadaOrders;
import io.lazadapos.lazada.LazadaRequest;
import io.lazadapos.ledger.DeadLetters;
import io.lazadapos.ledger.LedgerIndex;
import io.lazadapos.ledger.SyncState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll's paging against Lazada's reply shapes (GetOrders sorted by updated_at, offset paging;
 * GetMultipleOrderItems), over a real ledger database: which pages make one batch, and where the
 * watermark goes.
 */
class OrderPollTest {

    private static final ZoneOffset JAKARTA = ZoneOffset.ofHours(7);
    private static final Instant FIRST = Instant.parse("2026-11-30T00:00:00Z");

    private HikariDataSource dataSource;
    private SyncState state;
    private TestClock clock;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void database() {
        dataSource = TestDatabase.dataSource("poll", 4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));
        state = new SyncState(new JdbcTemplate(dataSource), clock);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    /** Orders 1..total, one a minute from FIRST, each with one pending item. */
    private LazadaOrders lazada(int total) {
        return new LazadaOrders(request -> {
            calls.add(request.apiPath());
            return request.apiPath().equals("/orders/get") ? ordersPage(request, total) : items(request);
        }, JAKARTA, 50);
    }

    private static JsonNode ordersPage(LazadaRequest request, int total) {
        Instant after = LazadaFields.parseInstant(request.params().get("update_after"), JAKARTA);
        int offset = Integer.parseInt(request.params().get("offset"));
        int limit = Integer.parseInt(request.params().get("limit"));
        List<Integer> matching = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            if (!updatedAt(i).isBefore(after)) {
                matching.add(i);
            }
        }
        ObjectNode root = LazadaJson.MAPPER.createObjectNode().put("code", "0");
        ObjectNode data = root.putObject("data");
        ArrayNode orders = data.putArray("orders");
        for (int i : matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()))) {
            orders.addObject().put("order_id", Integer.toString(i)).put("order_number", Integer.toString(i))
                    .put("created_at", LazadaFields.requestDate(updatedAt(i), JAKARTA))
                    .put("updated_at", LazadaFields.requestDate(updatedAt(i), JAKARTA))
                    .put("price", "10.00").put("voucher", "0").put("shipping_fee", "1.00")
                    .putArray("statuses").add("pending");
        }
        data.put("count", orders.size()).put("countTotal", matching.size());
        return root;
    }

    private static JsonNode items(LazadaRequest request) {
        ObjectNode root = LazadaJson.MAPPER.createObjectNode().put("code", "0");
        ArrayNode data = root.putArray("data");
        for (String id : request.params().get("order_ids").replaceAll("[\\[\\]]", "").split(",")) {
            data.addObject().put("order_id", id).putArray("order_items").addObject().put("order_item_id", id + "-1")
                    .put("status", "pending").put("paid_price", "10.00").put("item_price", "10.00")
                    .put("shipping_amount", "1.00").put("currency", "IDR").put("sku", "A");
        }
        return root;
    }

    private static Instant updatedAt(int order) {
        return FIRST.plus(Duration.ofMinutes(order));
    }

    private OrderPoll poll(LazadaOrders lazada, int pagesAhead, int pagesPerBatch) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new OrderPoll(lazada, new LedgerIndex(jdbc), state, new DeadLetters(jdbc, clock),
                new OrderPoll.Settings(100, 5000, Duration.ofMinutes(2), FIRST, pagesAhead, pagesPerBatch), new SyncHealth(clock), clock);
    }

    /** Waits until this many pages are read ahead and ready (or all there are, when Lazada has fewer left). */
    private static void awaitReadAhead(PollCursor c, int pages) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (c.pagesReadyAhead() < Math.min(pages, c.pagesAhead())
                || (c.pagesAhead() < pages && c.hasUnreadPages())) {
            assertThat(System.nanoTime()).as("pages read ahead").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void pagesReadWhileTheOneBeforeIsAppliedJoinOneBatch() throws Exception {
        OrderPoll poll = poll(lazada(650), 3, 3);
        PollCursor c = poll.start("s1");

        List<OrderSnapshot> first = poll.nextPage(c, "poll");
        assertThat(first).hasSize(100);
        poll.pageDone(c);
        assertThat(poll.watermark("s1")).isEqualTo(updatedAt(100));

        // Pages 2 to 4 were read meanwhile: the next batch is those three, in Lazada's order.
        awaitReadAhead(c, 3);
        List<OrderSnapshot> joined = poll.nextPage(c, "poll");
        assertThat(joined).hasSize(300);
        assertThat(joined.get(0).orderId()).isEqualTo("101");
        assertThat(joined.get(299).orderId()).isEqualTo("400");
        poll.pageDone(c);
        assertThat(poll.watermark("s1")).isEqualTo(updatedAt(400));

        // The rest: pages 5 to 7 (the last one short), however many were read by then.
        List<String> rest = new ArrayList<>();
        while (c.isMore()) {
            poll.nextPage(c, "poll").forEach(s -> rest.add(s.orderId()));
            poll.pageDone(c);
        }
        assertThat(rest).hasSize(250);
        assertThat(rest.get(0)).isEqualTo("401");
        assertThat(rest.get(249)).isEqualTo("650");
        assertThat(poll.watermark("s1")).isEqualTo(updatedAt(650));
        // Economy: 7 pages (the last one ends the window) and 13 item calls of at most 50 orders.
        assertThat(calls.stream().filter("/orders/get"::equals)).hasSize(7);
        assertThat(calls.stream().filter("/orders/items/get"::equals)).hasSize(13);
    }

    @Test
    void oneBatchAPageWhenSoConfigured() throws Exception {
        OrderPoll poll = poll(lazada(350), 3, 1);
        PollCursor c = poll.start("s1");
        List<Integer> sizes = new ArrayList<>();
        sizes.add(poll.nextPage(c, "poll").size());
        poll.pageDone(c);
        // Pages 2 to 4 are all read before the next is taken; still one batch each.
        awaitReadAhead(c, 3);
        while (c.isMore()) {
            List<OrderSnapshot> batch = poll.nextPage(c, "poll");
            if (!batch.isEmpty()) {
                sizes.add(batch.size());
            }
            poll.pageDone(c);
        }
        assertThat(sizes).containsExactly(100, 100, 100, 50);
        assertThat(poll.watermark("s1")).isEqualTo(updatedAt(350));
    }
}
