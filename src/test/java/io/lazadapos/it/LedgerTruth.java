package io.lazadapos.it;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.lazadapos.flow.LineRemoval;
import io.lazadapos.flow.OrderStageResolver;
import io.lazadapos.flow.Stage;
import io.lazadapos.flow.StageDerivation;
import io.lazadapos.flow.StatusMapping;
import io.lazadapos.sandbox.SandboxItemView;
import io.lazadapos.sandbox.SandboxOrderView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What pos-flow.md says the ledger must hold for an order, given Lazada's truth (the sandbox's
 * current view of it), checked against the API's answer.
 */
public final class LedgerTruth {

    private static final OrderStageResolver RESOLVER = new OrderStageResolver(StatusMapping.standard());

    private LedgerTruth() {
    }

    public static Stage expectedStage(SandboxOrderView truth) {
        return derive(truth).stage();
    }

    private static StageDerivation derive(SandboxOrderView truth) {
        Map<String, String> statuses = new LinkedHashMap<>();
        truth.items().forEach(i -> statuses.put(i.orderItemId(), i.status()));
        return RESOLVER.derive(statuses);
    }

    /** Asserts the API's view of an order against the documents the rules give for Lazada's truth. */
    public static void assertMatches(JsonNode o, SandboxOrderView truth) {
        String at = "order " + truth.orderId() + " " + truth.items().stream().map(SandboxItemView::status).toList();
        StageDerivation d = derive(truth);
        Stage stage = d.stage();
        assertThat(o.get("stage").asText()).as(at + " stage").isEqualTo(stage.name());
        assertThat(o.get("tab").asText()).as(at + " tab").isEqualTo(stage.tab().name());
        JsonNode so = o.get("salesOrder");
        JsonNode inv = o.get("invoice");
        switch (stage) {
            case AWAITING_PAYMENT -> {
                assertThat(so.get("status").asText()).as(at + " sales order").isEqualTo("OPEN");
                assertThat(inv.isNull()).as(at + " no invoice").isTrue();
            }
            case PAID, READY_TO_SHIP, SHIPPED, DELIVERED, RETURNED -> {
                assertThat(inv.isNull()).as(at + " invoice").isFalse();
                assertThat(inv.get("recycled").asBoolean()).as(at + " recycled").isFalse();
                boolean sent = stage.rank() >= Stage.SHIPPED.rank();
                boolean paid = stage == Stage.DELIVERED || stage == Stage.RETURNED;
                assertThat(inv.get("deliveryStatus").asText()).as(at + " delivery").isEqualTo(sent ? "SENT" : "UNSENT");
                assertThat(inv.get("paymentStatus").asText()).as(at + " payment").isEqualTo(paid ? "PAID" : "UNPAID");
                if (!so.isNull()) {
                    assertThat(so.get("status").asText()).as(at + " sales order converted").isEqualTo("CONVERTED");
                }
                BigDecimal total = BigDecimal.ZERO;
                for (SandboxItemView i : truth.items()) {
                    if (!d.removedLines().containsKey(i.orderItemId())) {
                        total = total.add(i.paidPrice()).add(i.shippingAmount());
                    }
                }
                assertThat(new BigDecimal(inv.get("total").asText())).as(at + " total").isEqualByComparingTo(total);
                for (JsonNode line : inv.get("lines")) {
                    LineRemoval removal = d.removedLines().get(line.get("orderItemId").asText());
                    assertThat(line.get("canceled").asBoolean()).as(at + " line " + line.get("orderItemId")).isEqualTo(removal != null);
                }
                if (stage == Stage.RETURNED) {
                    assertThat(o.get("reviewReasons").toString()).as(at + " review").contains("RETURN_REQUESTED");
                }
            }
            case CANCELED -> {
                if (!so.isNull()) {
                    assertThat(so.get("status").asText()).as(at + " sales order").isIn("VOID", "CONVERTED");
                }
                if (!inv.isNull()) {
                    assertThat(inv.get("recycled").asBoolean()).as(at + " recycled").isTrue();
                    assertThat(inv.get("recycleReason").asText()).as(at + " reason").isIn("SELLER_CANCEL", "BUYER_CANCEL", "SYSTEM_CANCEL");
                }
            }
            case FAILED_DELIVERY -> {
                assertThat(inv.get("recycled").asBoolean()).as(at + " recycled").isTrue();
                assertThat(inv.get("recycleReason").asText()).as(at + " reason").isEqualTo("FAILED_DELIVERY");
            }
            case UNMAPPED -> assertThat(o.get("reviewReasons").toString()).contains("UNMAPPED_STATUS");
            default -> throw new AssertionError(stage);
        }
    }
}
