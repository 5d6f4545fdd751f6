package io.lazadapos.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides, call by call, whether the sandbox's answer fails and how: first the failures a test
 * planned for the next calls ({@link FaultPlan}), then a {@link FaultMix} share at random. Also
 * expires a seller's access token after a number of calls (a token lapsing mid-run), and counts
 * what it injected.
 */
final class ApiFaults {

    private final FaultPlan planned;
    private final SplittableRandom random;
    private final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
    private final AtomicLong tokenExpiryCountdown = new AtomicLong(-1);
    private final ObjectMapper json = new ObjectMapper();
    private volatile FaultMix mix;
    private volatile String tokenExpirySeller;

    ApiFaults(FaultPlan planned, FaultMix mix, long seed) {
        this.planned = planned;
        this.mix = mix;
        this.random = new SplittableRandom(OrderGenerator.mix(seed, 0xFA_17_5L));
    }

    void setMix(FaultMix mix) {
        this.mix = mix;
    }

    FaultMix mix() {
        return mix;
    }

    /** The fault for this call (counted), or null. */
    String take(String apiPath) {
        String fault = planned.take(apiPath);
        if (fault == null) {
            FaultMix m = mix;
            if (m.share() > 0 && m.apiPaths().contains(apiPath)) {
                synchronized (random) {
                    if (random.nextDouble() < m.share()) {
                        fault = m.kinds().get(random.nextInt(m.kinds().size()));
                    }
                }
            }
        }
        if (fault != null) {
            injected.computeIfAbsent(fault, k -> new LongAdder()).increment();
        }
        return fault;
    }

    int nextInt(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    /** After {@code calls} more API calls, the seller's access token lapses. */
    void expireAccessTokenAfter(String sellerId, long calls) {
        tokenExpirySeller = sellerId;
        tokenExpiryCountdown.set(Math.max(0, calls));
    }

    /** Counts a call; answers the seller whose token lapses now, or null. */
    String tokenToExpire() {
        long left = tokenExpiryCountdown.getAndUpdate(n -> n > 0 ? n - 1 : -1);
        return left == 0 ? tokenExpirySeller : null;
    }

    Map<String, Long> injected() {
        Map<String, Long> out = new TreeMap<>();
        injected.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    void resetCounts() {
        injected.clear();
    }

    /** Cuts a JSON answer in the middle: it no longer parses. */
    byte[] truncate(byte[] body) {
        if (body.length < 4) return new byte[] {'{'};
        int cut = 1 + nextInt(Math.max(1, body.length - 2));
        return java.util.Arrays.copyOf(body, Math.min(cut, body.length - 1));
    }

    /** The envelope with one member of the wrong JSON type; the answer still parses. */
    byte[] mistype(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (!(root instanceof ObjectNode o)) return body;
            JsonNode data = o.get("data");
            if (data instanceof ObjectNode d && d.has("orders")) {
                switch (nextInt(3)) {
                    case 0 -> d.put("orders", "[]");
                    case 1 -> d.put("countTotal", "many");
                    default -> o.put("data", "unavailable");
                }
            } else if (data instanceof ArrayNode) {
                o.putObject("data").put("order_items", "none");
            } else if (data instanceof ObjectNode) {
                o.put("data", 0);
            } else if (o.get("result") instanceof ObjectNode r) {
                r.put("items", "none");
            } else {
                o.put("code", json.createObjectNode());
            }
            return json.writeValueAsBytes(o);
        } catch (IOException e) {
            return body;
        }
    }

    /**
     * Values no real order has: an order row updated ten days from now with a negative price, or an
     * item with a negative paid price in a currency that does not exist.
     */
    byte[] absurd(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode data = root.get("data");
            ObjectNode row = null;
            ObjectNode item = null;
            if (data != null && data.path("orders").size() > 0) {
                row = (ObjectNode) data.get("orders").get(nextInt(data.get("orders").size()));
            } else if (data instanceof ObjectNode d && d.has("order_id")) {
                row = d;
            } else if (data != null && data.isArray() && data.size() > 0) {
                JsonNode entry = data.get(nextInt(data.size()));
                JsonNode items = entry.has("order_items") ? entry.get("order_items") : data;
                if (items.size() > 0) item = (ObjectNode) items.get(0);
            }
            if (row != null) {
                row.put("updated_at", java.time.Instant.now().plus(java.time.Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                row.put("price", "-" + row.path("price").asText("1"));
            } else if (item != null) {
                item.put("paid_price", "-50000.00");
                item.put("currency", "XYZ");
            } else {
                return body;
            }
            return json.writeValueAsBytes(root);
        } catch (IOException | ClassCastException e) {
            return body;
        }
    }

    /** A page with three times the rows asked for (the rows repeated): not Lazada's paging. */
    byte[] hugePage(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root.path("data").path("orders") instanceof ArrayNode orders && orders.size() > 0) {
                ArrayNode copy = orders.deepCopy();
                orders.addAll(copy);
                orders.addAll(copy);
                ((ObjectNode) root.get("data")).put("count", orders.size());
                return json.writeValueAsBytes(root);
            }
            return body;
        } catch (IOException e) {
            return body;
        }
    }

    /** One order row or item with a field of the wrong type (an object where an id or amount belongs). */
    byte[] spoilOneRow(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode data = root.get("data");
            ObjectNode row = null;
            String field = null;
            if (data != null && data.has("orders") && data.get("orders").size() > 0) {
                row = (ObjectNode) data.get("orders").get(nextInt(data.get("orders").size()));
                field = "updated_at";
            } else if (data != null && data.isArray() && data.size() > 0 && data.get(0).has("order_items")) {
                JsonNode items = data.get(nextInt(data.size())).get("order_items");
                if (items.size() > 0) {
                    row = (ObjectNode) items.get(0);
                    field = "paid_price";
                }
            } else if (data != null && data.isArray() && data.size() > 0) {
                row = (ObjectNode) data.get(0);
                field = "paid_price";
            } else if (data instanceof ObjectNode d && d.has("order_id")) {
                row = d;
                field = "updated_at";
            }
            if (row == null) return body;
            row.putObject(field).put("unexpected", true);
            return json.writeValueAsBytes(root);
        } catch (IOException | ClassCastException e) {
            return body;
        }
    }
}
