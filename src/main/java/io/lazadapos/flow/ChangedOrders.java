package io.lazadapos.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a POS step's route does with its body (the maps of the orders, or lines, it changes): the
 * new orders take plain statements, since nothing of theirs existed before this batch (checked
 * under their locks); the orders the ledger knew take the guarded statements.
 */
public final class ChangedOrders {

    private ChangedOrders() {
    }

    /** The maps of orders the ledger did not know before this batch. */
    public static List<Map<String, Object>> newOrders(List<Map<String, Object>> changes) {
        return changes.stream().filter(ChangedOrders::isNew).toList();
    }

    /** The maps of orders the ledger knew. */
    public static List<Map<String, Object>> knownOrders(List<Map<String, Object>> changes) {
        return changes.stream().filter(m -> !isNew(m)).toList();
    }

    /** One map per known order among these rows (lines of several orders): the documents whose totals follow. */
    public static List<Map<String, Object>> knownOrdersOf(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> orders = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            if (!isNew(row)) {
                orders.putIfAbsent(row.get("sellerId") + "/" + row.get("orderId"), row);
            }
        }
        return new ArrayList<>(orders.values());
    }

    private static boolean isNew(Map<String, Object> m) {
        return Boolean.TRUE.equals(m.get("newOrder"));
    }
}
