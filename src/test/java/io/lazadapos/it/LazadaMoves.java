package io.lazadapos.it;

import java.util.List;
import java.util.Random;

import io.lazadapos.sandbox.LazadaSandbox;
import io.lazadapos.sandbox.SandboxOrderView;

/** Lazada moving on the way buyers and couriers move it: orders one status further. */
final class LazadaMoves {

    private LazadaMoves() {
    }

    /** Moves up to {@code n} of these orders one step on (paid orders shipped, shipped ones delivered, some cancelled or failed). */
    static int moveOn(LazadaSandbox lazada, List<SandboxOrderView> orders, Random random, int n) {
        int moved = 0;
        for (int i = 0; i < n * 20 && moved < n; i++) {
            SandboxOrderView o = orders.get(random.nextInt(orders.size()));
            String next = switch (o.statuses().size() == 1 ? o.statuses().get(0) : "") {
                case "pending" -> random.nextBoolean() ? "ready_to_ship" : "canceled";
                case "ready_to_ship", "packed" -> "shipped";
                case "shipped" -> random.nextInt(5) == 0 ? "failed_delivery" : "delivered";
                default -> null;
            };
            if (next != null) {
                lazada.setOrderStatus(o.orderId(), next);
                moved++;
            }
        }
        return moved;
    }
}
