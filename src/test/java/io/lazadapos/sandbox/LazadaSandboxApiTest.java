package io.lazadapos.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's Lazada API over real HTTP, driven through its Java API. */
class LazadaSandboxApiTest {

    private static final Instant START = Instant.parse("2026-11-30T01:00:00Z");
    private static final DateTimeFormatter ISO_JAKARTA = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(7));

    private final MutableClock clock = new MutableClock(START);
    private LazadaSandbox sandbox;
    private SignedClient client;

    @BeforeEach
    void start() {
        sandbox = LazadaSandbox.start(SandboxSettings.defaults().withClock(clock));
        client = new SignedClient(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    // ---------------------------------------------------------------- gateway checks

    @Test
    void aWrongSignatureIsAnIncompleteSignatureErrorWithHttp200() {
        String orderId = sandbox.createOrder(SandboxOrderSpec.defaults());
        Map<String, String> params = client.signed("/order/get", Map.of("order_id", orderId));
        params.put("sign", "0".repeat(64));

        HttpResponse<String> response = client.send("/order/get", params, false);
        JsonNode body = json(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("type").asText()).isEqualTo("ISV");
        assertThat(body.path("code").asText()).isEqualTo("IncompleteSignature");
        assertThat(body.path("message").asText()).isEqualTo("The request signature does not conform to platform standards");
        assertThat(body.path("request_id").asText()).hasSize(25);
        assertThat(body.has("data")).isFalse();
    }

    @Test
    void theSignatureCoversAppKeySecretMethodAndTimestamp() {
        String orderId = sandbox.createOrder(SandboxOrderSpec.defaults());
        Map<String, String> query = Map.of("order_id", orderId);
        SandboxSettings s = sandbox.settings();

        assertThat(client.get("/order/get", query).path("code").asText()).isEqualTo("0");
        assertThat(new SignedClient(sandbox.baseUrl(), "999999", s.appSecret(), s.accessToken()).get("/order/get", query)
                .path("code").asText()).isEqualTo("IncompleteSignature");
        assertThat(new SignedClient(sandbox.baseUrl(), s.appKey(), "another-secret", s.accessToken()).get("/order/get", query)
                .path("code").asText()).isEqualTo("IncompleteSignature");
        Map<String, String> stale = new HashMap<>(query);
        stale.put("timestamp", Long.toString(System.currentTimeMillis() - Duration.ofHours(3).toMillis()));
        assertThat(client.get("/order/get", stale).path("code").asText()).isEqualTo("IncompleteSignature");
        Map<String, String> md5 = new HashMap<>(query);
        md5.put("sign_method", "md5");
        assertThat(client.get("/order/get", md5).path("code").asText()).isEqualTo("IncompleteSignature");
    }

    @Test
    void aPlusLeftUnencodedInADateBreaksTheSignatureAsOnLazada() {
        Map<String, String> params = client.signed("/orders/get", Map.of("created_after", "2026-11-30T08:00:00+07:00"));
        String query = SignedClient.encode(params).replace("%2B", "+"); // the classic bug: '+' decodes to a space

        HttpResponse<String> response = raw(sandbox.baseUrl() + "/orders/get?" + query);

        assertThat(json(response.body()).path("code").asText()).isEqualTo("IncompleteSignature");
    }

    @Test
    void sellerApisNeedAValidAccessToken() {
        Map<String, String> query = Map.of("created_after", "2026-11-30T00:00:00+07:00");

        JsonNode missing = client.withAccessToken(null).get("/orders/get", query);
        JsonNode unknown = client.withAccessToken("not-a-token").get("/orders/get", query);

        assertThat(missing.path("code").asText()).isEqualTo("IllegalAccessToken");
        assertThat(missing.path("type").asText()).isEqualTo("ISV");
        assertThat(unknown.path("code").asText()).isEqualTo("IllegalAccessToken");
    }

    @Test
    void anExpiredAccessTokenIsIllegal() {
        Map<String, String> query = Map.of("created_after", "2026-11-30T00:00:00+07:00");
        clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(client.get("/orders/get", query).path("code").asText()).isEqualTo("IllegalAccessToken");
    }

    @Test
    void anUnknownPathIsAnInvalidApiPathError() {
        JsonNode body = client.get("/orders/list", Map.of());

        assertThat(body.path("code").asText()).isEqualTo("InvalidApiPath");
        assertThat(sandbox.apiCalls("/orders/list")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- GetOrders

    @Test
    void getOrdersNeedsATimeFilterInIsoForm() {
        JsonNode none = client.get("/orders/get", Map.of("limit", "10"));
        JsonNode spaced = client.get("/orders/get", Map.of("created_after", "2026-11-30 08:00:00"));

        assertThat(none.path("code").asText()).isEqualTo("MissingParameter");
        assertThat(spaced.path("code").asText()).isEqualTo("17");
        assertThat(spaced.path("message").asText()).startsWith("E017: ");
    }

    @Test
    void getOrdersPagesThroughEveryOrderByUpdatedAtAscending() {
        List<String> ids = createOrdersWithShuffledUpdates(25);

        List<JsonNode> rows = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            JsonNode data = ordersPage(Map.of("update_after", iso(START), "sort_by", "updated_at", "sort_direction", "ASC",
                    "limit", "10", "offset", Integer.toString(offset)));
            assertThat(data.path("countTotal").asInt()).isEqualTo(25);
            assertThat(data.path("count").asInt()).isEqualTo(offset < 20 ? 10 : 5);
            data.path("orders").forEach(rows::add);
        }

        List<String> seen = rows.stream().map(r -> LazadaWire.id(r.path("order_id"))).toList();
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        List<Instant> updated = rows.stream().map(r -> LazadaWire.date(r.path("updated_at"))).toList();
        assertThat(updated).isSortedAccordingTo(Comparator.naturalOrder());
        List<String> truthOrder = sandbox.orders().stream()
                .sorted(Comparator.comparing(SandboxOrderView::updatedAt)).map(SandboxOrderView::orderId).toList();
        assertThat(seen).isEqualTo(truthOrder);
    }

    @Test
    void getOrdersDefaultsToCreatedAtDescending() {
        List<String> ids = createOrdersWithShuffledUpdates(6);

        JsonNode data = ordersPage(Map.of("created_after", iso(START)));

        List<String> seen = new ArrayList<>();
        data.path("orders").forEach(r -> seen.add(LazadaWire.id(r.path("order_id"))));
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).isEqualTo(newestFirst);
    }

    @Test
    void updateAfterIsInclusiveAndUpdateBeforeExclusive() {
        createOrdersWithShuffledUpdates(5);
        SandboxOrderView target = sandbox.orders().get(2);
        Instant t = target.updatedAt();

        assertThat(idsOf(ordersPage(Map.of("update_after", iso(t), "sort_by", "updated_at")))).contains(target.orderId());
        assertThat(idsOf(ordersPage(Map.of("update_after", iso(t.plusSeconds(1)), "sort_by", "updated_at")))).doesNotContain(target.orderId());
        assertThat(idsOf(ordersPage(Map.of("update_after", iso(START), "update_before", iso(t))))).doesNotContain(target.orderId());
        assertThat(idsOf(ordersPage(Map.of("update_after", iso(START), "update_before", iso(t.plusSeconds(1)))))).contains(target.orderId());
    }

    @Test
    void getOrdersRejectsOutOfRangePagingWithLazadasCodes() {
        createOrdersWithShuffledUpdates(3);
        String after = iso(START);

        assertThat(code(Map.of("created_after", after, "offset", "5000"))).isEqualTo("0");
        assertThat(code(Map.of("created_after", after, "offset", "5001"))).isEqualTo("14");
        assertThat(code(Map.of("created_after", after, "offset", "-1"))).isEqualTo("14");
        assertThat(code(Map.of("created_after", after, "limit", "100"))).isEqualTo("0");
        assertThat(code(Map.of("created_after", after, "limit", "101"))).isEqualTo("19");
        assertThat(code(Map.of("created_after", after, "limit", "0"))).isEqualTo("19");
        assertThat(code(Map.of("created_after", after, "sort_by", "price"))).isEqualTo("75");
        assertThat(code(Map.of("created_after", after, "sort_direction", "UP"))).isEqualTo("74");
        assertThat(code(Map.of("created_after", after, "status", "nonsense"))).isEqualTo("36");
        assertThat(code(Map.of("created_after", after, "status", "all"))).isEqualTo("0");
    }

    @Test
    void theStatusFilterMatchesOrdersHavingAnItemInThatStatus() {
        String mixed = sandbox.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
        sandbox.createOrder(SandboxOrderSpec.builder().items(1).status("pending").build());
        sandbox.createOrder(SandboxOrderSpec.defaults());
        SandboxOrderView view = sandbox.order(mixed);
        sandbox.setItemStatus(mixed, view.items().get(0).orderItemId(), "canceled");

        JsonNode canceled = ordersPage(Map.of("created_after", iso(START), "status", "canceled"));
        JsonNode pending = ordersPage(Map.of("created_after", iso(START), "status", "pending"));

        assertThat(idsOf(canceled)).containsExactly(mixed);
        assertThat(pending.path("countTotal").asInt()).isEqualTo(2);
        JsonNode row = canceled.path("orders").get(0);
        assertThat(row.path("statuses")).extracting(JsonNode::asText).containsExactly("canceled", "pending");
    }

    @Test
    void orderRowsCarryLazadasFieldsWithTheMisspeltDistrictInGetOrdersOnly() {
        String id = sandbox.createOrder(SandboxOrderSpec.builder()
                .item(SandboxItemSpec.of("MUG-01", "Coffee Mug", "50000").withShippingAmount(new BigDecimal("9000")))
                .item(SandboxItemSpec.of("MUG-01", "Coffee Mug", "50000").withQuantity(1))
                .status("pending").build());

        JsonNode row = ordersPage(Map.of("created_after", iso(START))).path("orders").get(0);
        JsonNode order = client.get("/order/get", Map.of("order_id", id)).path("data");

        assertThat(row.path("address_shipping").has("addressDsitrict")).isTrue();
        assertThat(row.path("address_shipping").has("addressDistrict")).isFalse();
        assertThat(order.path("address_shipping").has("addressDistrict")).isTrue();
        assertThat(order.path("address_shipping").has("addressDsitrict")).isFalse();
        for (String field : List.of("order_id", "order_number", "created_at", "updated_at", "statuses", "items_count", "price",
                "voucher", "voucher_seller", "voucher_platform", "shipping_fee", "payment_method", "customer_first_name",
                "customer_last_name", "address_billing", "remarks", "gift_option", "need_cancel_confirm",
                "is_cancel_pending", "warehouse_code")) {
            assertThat(order.has(field)).as(field).isTrue();
        }
        assertThat(LazadaWire.id(order.path("order_id"))).isEqualTo(id).hasSize(15);
        assertThat(LazadaWire.id(order.path("order_number"))).isNotEqualTo(id);
        assertThat(order.path("items_count").asInt()).isEqualTo(2);
        assertThat(LazadaWire.money(order.path("price"))).isEqualByComparingTo("100000");
        assertThat(LazadaWire.money(order.path("shipping_fee"))).isEqualByComparingTo("9000");
        assertThat(LazadaWire.date(order.path("created_at"))).isEqualTo(START);
    }

    @Test
    void explicitAmountQuirksCanBeForced() {
        String asStrings = sandbox.createOrder(SandboxOrderSpec.builder().amountsAsStrings(true).build());
        String asNumbers = sandbox.createOrder(SandboxOrderSpec.builder().amountsAsStrings(false).build());

        assertThat(client.get("/order/get", Map.of("order_id", asStrings)).path("data").path("price").isTextual()).isTrue();
        assertThat(client.get("/order/get", Map.of("order_id", asNumbers)).path("data").path("price").isNumber()).isTrue();
        assertThat(client.get("/order/get", Map.of("order_id", asStrings)).path("data").path("price").asText()).matches("\\d+\\.\\d\\d");
    }

    // ---------------------------------------------------------------- items

    @Test
    void getMultipleOrderItemsTakesBracketIdsUpToFifty() {
        String one = sandbox.createOrder(SandboxOrderSpec.withItems(1));
        String two = sandbox.createOrder(SandboxOrderSpec.withItems(2));
        String three = sandbox.createOrder(SandboxOrderSpec.withItems(3));

        JsonNode body = client.get("/orders/items/get", Map.of("order_ids", "[" + one + "," + two + "," + three + "]"));

        assertThat(body.path("code").asText()).isEqualTo("0");
        Map<String, Integer> itemsPerOrder = new HashMap<>();
        body.path("data").forEach(o -> itemsPerOrder.put(LazadaWire.id(o.path("order_id")), o.path("order_items").size()));
        assertThat(itemsPerOrder).containsExactlyInAnyOrderEntriesOf(Map.of(one, 1, two, 2, three, 3));
        JsonNode item = body.path("data").get(0).path("order_items").get(0);
        for (String field : List.of("order_item_id", "order_id", "status", "sku", "shop_sku", "name", "variation", "item_price",
                "paid_price", "currency", "voucher_amount", "voucher_seller", "voucher_platform", "shipping_amount",
                "tax_amount", "shipment_provider", "tracking_code", "package_id", "created_at", "updated_at",
                "cancel_return_initiator", "reason", "reason_detail", "return_status", "need_cancel_confirm",
                "is_cancel_pending", "cancel_trigger_time", "reverse_order_id", "payment_time")) {
            assertThat(item.has(field)).as(field).isTrue();
        }
        assertThat(item.has("quantity")).isFalse();

        String fiftyOne = IntStream.range(0, 51).mapToObj(i -> one).collect(Collectors.joining(",", "[", "]"));
        String fifty = IntStream.range(0, 50).mapToObj(i -> one).collect(Collectors.joining(",", "[", "]"));
        assertThat(client.get("/orders/items/get", Map.of("order_ids", fiftyOne)).path("code").asText()).isEqualTo("38");
        assertThat(client.get("/orders/items/get", Map.of("order_ids", fifty)).path("code").asText()).isEqualTo("0");
        assertThat(client.get("/orders/items/get", Map.of("order_ids", one + "," + two)).path("code").asText()).isEqualTo("56");
        assertThat(client.get("/orders/items/get", Map.of("order_ids", "[" + one + ",123456789012345]")).path("code").asText()).isEqualTo("37");
        assertThat(client.get("/orders/items/get", Map.of()).path("code").asText()).isEqualTo("MissingParameter");
    }

    @Test
    void anOrderOfAnotherSellerIsNotFound() {
        sandbox.addSeller("second", "second-access", "second-refresh");
        String theirs = sandbox.createOrder(SandboxOrderSpec.builder().sellerId("second").build());

        JsonNode mine = client.get("/order/get", Map.of("order_id", theirs));
        JsonNode asThem = client.withAccessToken("second-access").get("/order/get", Map.of("order_id", theirs));

        assertThat(mine.path("code").asText()).isEqualTo("16");
        assertThat(asThem.path("code").asText()).isEqualTo("0");
        assertThat(sandbox.orders("second")).extracting(SandboxOrderView::orderId).containsExactly(theirs);
        assertThat(sandbox.orders()).isEmpty();
    }

    // ---------------------------------------------------------------- driving

    @Test
    void drivingAnItemChangesItsStatusBumpsUpdatedAtAndTellsListeners() {
        List<String> heard = new CopyOnWriteArrayList<>();
        sandbox.addStatusListener((seller, order, item, status, at) -> heard.add(seller + " " + order + " " + item + " " + status + " " + at));
        String id = sandbox.createOrder(SandboxOrderSpec.withItems(2));
        SandboxOrderView created = sandbox.order(id);
        String first = created.items().get(0).orderItemId();
        clock.advance(Duration.ofHours(1));

        sandbox.setItemStatus(id, first, "pending");

        JsonNode items = client.get("/order/items/get", Map.of("order_id", id)).path("data");
        assertThat(items.get(0).path("status").asText()).isEqualTo("pending");
        assertThat(items.get(1).path("status").asText()).isEqualTo("unpaid");
        assertThat(LazadaWire.date(items.get(0).path("updated_at"))).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(LazadaWire.date(items.get(1).path("updated_at"))).isEqualTo(START);
        JsonNode order = client.get("/order/get", Map.of("order_id", id)).path("data");
        assertThat(LazadaWire.date(order.path("updated_at"))).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(order.path("statuses")).extracting(JsonNode::asText).containsExactly("pending", "unpaid");
        assertThat(items.get(0).path("payment_time").asLong()).isEqualTo(START.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(heard).containsExactly(
                "default " + id + " " + first + " unpaid " + START,
                "default " + id + " " + created.items().get(1).orderItemId() + " unpaid " + START,
                "default " + id + " " + first + " pending " + START.plus(Duration.ofHours(1)));
    }

    @Test
    void cancellingRecordsTheInitiator() {
        String id = sandbox.createOrder(SandboxOrderSpec.builder().items(2).status("pending").build());
        String unpaid = sandbox.createOrder(SandboxOrderSpec.defaults());

        sandbox.setOrderStatus(id, "canceled", "buyer-cancel");
        sandbox.setOrderStatus(unpaid, "canceled");

        JsonNode items = client.get("/order/items/get", Map.of("order_id", id)).path("data");
        assertThat(items).allSatisfy(i -> {
            assertThat(i.path("status").asText()).isEqualTo("canceled");
            assertThat(i.path("cancel_return_initiator").asText()).isEqualTo("buyer-cancel");
        });
        assertThat(sandbox.order(unpaid).items().get(0).cancelReturnInitiator()).isEqualTo("system-cancel");
        assertThat(sandbox.order(unpaid).items().get(0).paymentTime()).isNull();
    }

    @Test
    void aBuyerCancelRequestAndATouchShowOnTheOrder() {
        String id = sandbox.createOrder(SandboxOrderSpec.builder().status("pending").build());
        Instant deadline = START.plus(Duration.ofDays(1));
        clock.advance(Duration.ofMinutes(5));

        sandbox.setBuyerCancelRequest(id, deadline);
        JsonNode order = client.get("/order/get", Map.of("order_id", id)).path("data");
        JsonNode item = client.get("/order/items/get", Map.of("order_id", id)).path("data").get(0);
        clock.advance(Duration.ofMinutes(5));
        sandbox.touch(id);

        assertThat(order.path("need_cancel_confirm").asBoolean()).isTrue();
        assertThat(order.path("is_cancel_pending").asBoolean()).isTrue();
        assertThat(item.path("need_cancel_confirm").asBoolean()).isTrue();
        assertThat(LazadaWire.date(item.path("cancel_trigger_time"))).isEqualTo(deadline);
        assertThat(LazadaWire.date(order.path("updated_at"))).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(sandbox.order(id).updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(sandbox.order(id).statuses()).containsExactly("pending");
    }

    @Test
    void unknownIdsAreRefused() {
        String id = sandbox.createOrder(SandboxOrderSpec.defaults());

        assertThatThrownBy(() -> sandbox.order("123")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> sandbox.setItemStatus(id, "42", "pending")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> sandbox.createOrder(SandboxOrderSpec.builder().sellerId("nobody").build()))
                .isInstanceOf(NoSuchElementException.class);
    }

    // ---------------------------------------------------------------- tokens

    @Test
    void tokenRefreshRotatesBothTokensAndRetiresTheOldOnes() {
        SignedClient auth = client.withAccessToken(null);
        Map<String, String> query = Map.of("created_after", iso(START));

        JsonNode grant = auth.post("/auth/token/refresh", Map.of("refresh_token", "sandbox-refresh-token"));

        assertThat(grant.path("code").asText()).isEqualTo("0");
        assertThat(grant.has("data")).isFalse();
        String access = grant.path("access_token").asText();
        String refresh = grant.path("refresh_token").asText();
        assertThat(access).isNotBlank().isNotEqualTo("sandbox-access-token");
        assertThat(refresh).isNotBlank().isNotEqualTo("sandbox-refresh-token");
        assertThat(grant.path("expires_in").asLong()).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(grant.path("refresh_expires_in").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(grant.path("country").asText()).isEqualTo("id");
        assertThat(grant.path("account").asText()).isNotBlank();
        assertThat(grant.path("country_user_info").get(0).path("seller_id").asText()).isEqualTo("default");
        assertThat(grant.path("request_id").asText()).isNotBlank();

        assertThat(client.get("/orders/get", query).path("code").asText()).isEqualTo("IllegalAccessToken");
        assertThat(client.withAccessToken(access).get("/orders/get", query).path("code").asText()).isEqualTo("0");
        assertThat(auth.get("/auth/token/refresh", Map.of("refresh_token", "sandbox-refresh-token")).path("code").asText())
                .isEqualTo("IllegalRefreshToken");
        assertThat(auth.get("/auth/token/refresh", Map.of("refresh_token", refresh)).path("code").asText()).isEqualTo("0");
        assertThat(auth.get("/auth/token/refresh", Map.of()).path("code").asText()).isEqualTo("MissingParameter");
    }

    // ---------------------------------------------------------------- returns

    @Test
    void aReturnedItemGetsAReverseOrder() {
        List<String> reverseHeard = new CopyOnWriteArrayList<>();
        sandbox.addReverseListener((seller, reverse, line, status, order, item, at) -> reverseHeard.add(status));
        String id = sandbox.createOrder(SandboxOrderSpec.builder()
                .item(SandboxItemSpec.of("BAG-1", "Tote Bag", "125000"))
                .item(SandboxItemSpec.of("BAG-2", "Tote Bag XL", "175000"))
                .status("delivered").build());
        String returnedItem = sandbox.order(id).items().get(1).orderItemId();
        clock.advance(Duration.ofDays(2));

        sandbox.setItemStatus(id, returnedItem, "returned");
        sandbox.createOrder(SandboxOrderSpec.builder().status("delivered").build()); // no return: must not show

        JsonNode result = client.get("/reverse/getreverseordersforseller",
                Map.of("page_size", "10", "page_no", "1", "request_type_list", "[\"RETURN\"]")).path("result");
        assertThat(result.path("total").asInt()).isEqualTo(1);
        JsonNode reverse = result.path("items").get(0);
        assertThat(LazadaWire.id(reverse.path("trade_order_id"))).isEqualTo(id);
        assertThat(reverse.path("request_type").asText()).isEqualTo("RETURN");
        JsonNode line = reverse.path("reverse_order_lines").get(0);
        assertThat(LazadaWire.id(line.path("trade_order_line_id"))).isEqualTo(returnedItem);
        assertThat(line.path("reverse_status").asText()).isEqualTo("REQUEST_INITIATE");
        assertThat(line.path("refund_amount").asLong()).as("cents").isEqualTo(17_500_000L);
        assertThat(line.path("item_unit_price").asLong()).isEqualTo(17_500_000L);
        assertThat(line.path("seller_sku_id").asText()).isEqualTo("BAG-2");

        SandboxItemView truth = sandbox.order(id).item(returnedItem);
        assertThat(truth.status()).isEqualTo("returned");
        assertThat(truth.reverseOrderId()).isEqualTo(LazadaWire.id(reverse.path("reverse_order_id")));
        JsonNode item = client.get("/order/items/get", Map.of("order_id", id)).path("data").get(1);
        assertThat(item.path("return_status").asText()).isEqualTo("REQUEST_INITIATE");
        assertThat(LazadaWire.id(item.path("reverse_order_id"))).isEqualTo(truth.reverseOrderId());

        sandbox.setReverseStatus(id, returnedItem, "REFUND_SUCCESS");
        assertThat(client.get("/reverse/getreverseordersforseller", Map.of("page_size", "10", "page_no", "1",
                "reverse_status_list", "[\"REFUND_SUCCESS\"]")).path("result").path("total").asInt()).isEqualTo(1);
        assertThat(client.get("/reverse/getreverseordersforseller", Map.of("page_size", "10", "page_no", "1",
                "request_type_list", "[\"ONLY_REFUND\"]")).path("result").path("total").asInt()).isZero();
        long after = START.plus(Duration.ofDays(3)).toEpochMilli();
        assertThat(client.get("/reverse/getreverseordersforseller", Map.of("page_size", "10", "page_no", "1",
                "ReverseOrderLineModifiedTimeRangeStart", Long.toString(after))).path("result").path("total").asInt()).isZero();
        assertThat(client.get("/reverse/getreverseordersforseller", Map.of("page_no", "1")).path("code").asText())
                .isEqualTo("MissingParameter");
        assertThat(reverseHeard).containsExactly("REQUEST_INITIATE", "REFUND_SUCCESS");
    }

    // ---------------------------------------------------------------- counters, faults, control API

    @Test
    void callsAreCountedPerApiPathErrorsIncluded() {
        client.get("/orders/get", Map.of("created_after", iso(START)));
        client.get("/orders/get", Map.of());
        client.withAccessToken("nope").get("/order/get", Map.of("order_id", "1"));

        assertThat(sandbox.apiCalls("/orders/get")).isEqualTo(2);
        assertThat(sandbox.apiCalls("/rest/orders/get")).isEqualTo(2);
        assertThat(sandbox.apiCallCounts()).containsEntry("/order/get", 1L);
        sandbox.resetCounters();
        assertThat(sandbox.apiCallCounts()).isEmpty();
    }

    @Test
    void faultsCanBeArrangedForTheNextCalls() {
        sandbox.failNextCalls("/orders/get", "ApiCallLimit", 1);
        sandbox.failNextCalls("/orders/get", "http:503", 1);
        Map<String, String> query = Map.of("created_after", iso(START));

        JsonNode throttled = client.get("/orders/get", query);
        HttpResponse<String> unavailable = client.send("/orders/get", client.signed("/orders/get", query), false);
        JsonNode fine = client.get("/orders/get", query);

        assertThat(throttled.path("code").asText()).isEqualTo("ApiCallLimit");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(fine.path("code").asText()).isEqualTo("0");
        assertThat(sandbox.apiCalls("/orders/get")).isEqualTo(3);
    }

    @Test
    void theControlApiDrivesTheSandboxOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String control = sandbox.controlUrl();

        JsonNode created = json(http.send(post(control + "/orders", "{\"items\":[{\"sku\":\"CUP-1\",\"name\":\"Cup\",\"paid_price\":\"25000\","
                + "\"shipping_amount\":\"5000\",\"quantity\":2}],\"status\":\"pending\",\"amounts_as_strings\":true}"),
                HttpResponse.BodyHandlers.ofString()).body());
        String id = created.path("order_id").asText();
        SandboxOrderView view = sandbox.order(id);
        assertThat(view.items()).hasSize(2).allSatisfy(i -> assertThat(i.sku()).isEqualTo("CUP-1"));
        assertThat(view.itemsTotal()).isEqualByComparingTo("60000");

        clock.advance(Duration.ofMinutes(1));
        JsonNode afterStatus = json(http.send(post(control + "/orders/" + id + "/status",
                "{\"status\":\"canceled\",\"order_item_id\":\"" + view.items().get(0).orderItemId() + "\",\"cancel_return_initiator\":\"cancellation-seller\"}"),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(afterStatus.path("statuses")).extracting(JsonNode::asText).containsExactly("canceled", "pending");
        assertThat(afterStatus.path("items").get(0).path("cancel_return_initiator").asText()).isEqualTo("cancellation-seller");

        JsonNode one = json(raw(control + "/orders/" + id).body());
        JsonNode all = json(raw(control + "/orders").body());
        assertThat(one.path("updated_at").asText()).isEqualTo(START.plus(Duration.ofMinutes(1)).toString());
        assertThat(all).hasSize(1);

        JsonNode backfilled = json(http.send(post(control + "/backfill?n=30", ""), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(backfilled.path("created").asInt()).isEqualTo(30);
        assertThat(sandbox.orders()).hasSize(31);

        client.get("/orders/get", Map.of("created_after", iso(START)));
        JsonNode calls = json(raw(control + "/calls").body());
        assertThat(calls.path("/orders/get").asLong()).isEqualTo(1);
        assertThat(raw(control + "/orders/999").statusCode()).isEqualTo(404);
        assertThat(raw(control + "/nothing").statusCode()).isEqualTo(404);
        assertThat(json(raw(control).body()).path("base_url").asText()).isEqualTo(sandbox.baseUrl());
    }

    // ---------------------------------------------------------------- helpers

    /** n orders created a minute apart, then updated in a different order than created. */
    private List<String> createOrdersWithShuffledUpdates(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.set(START.plus(Duration.ofMinutes(i)));
            ids.add(sandbox.createOrder(SandboxOrderSpec.defaults()));
        }
        clock.set(START.plus(Duration.ofHours(2)));
        for (int i = n - 1; i >= 0; i -= 2) {
            clock.advance(Duration.ofSeconds(30));
            sandbox.setOrderStatus(ids.get(i), "pending");
        }
        return ids;
    }

    private JsonNode ordersPage(Map<String, String> query) {
        JsonNode body = client.get("/orders/get", query);
        assertThat(body.path("code").asText()).as(body.toString()).isEqualTo("0");
        return body.path("data");
    }

    private String code(Map<String, String> query) {
        return client.get("/orders/get", query).path("code").asText();
    }

    private static List<String> idsOf(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.path("orders").forEach(o -> ids.add(LazadaWire.id(o.path("order_id"))));
        return ids;
    }

    private static String iso(Instant instant) {
        return ISO_JAKARTA.format(instant);
    }

    private static JsonNode json(String body) {
        try {
            return SignedClient.JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static HttpResponse<String> raw(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
