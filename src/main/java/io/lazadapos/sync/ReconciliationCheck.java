package io.lazadapos.sync;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.lazadapos.flow.Stage;
import io.lazadapos.flow.StatusMapping;
import io.lazadapos.lazada.LazadaOrder;
import io.lazadapos.ledger.LedgerDocuments.OrderDocuments;

/**
 * Compares one order as Lazada lists it with what the ledger holds. The ledger may be ahead (the
 * order changed after the listing), never behind: a missing order, older statuses, or documents
 * that do not fit the order's stage (what the rules in pos-flow.md give for it) are findings.
 */
public final class ReconciliationCheck {

    /** What is wrong, in the order the sweep counts it. */
    public enum Finding { MISSING, WRONG_STATUS, WRONG_STAGE }

    private final StatusMapping mapping;

    public ReconciliationCheck(StatusMapping mapping) {
        this.mapping = mapping;
    }

    /** The finding, or null when the ledger agrees with Lazada. */
    public Finding compare(LazadaOrder lazada, OrderDocuments ledger) {
        if (ledger == null) {
            return Finding.MISSING;
        }
        if (ledger.lazadaUpdatedAt() == null || ledger.lazadaUpdatedAt().isBefore(lazada.updatedAt())) {
            return Finding.WRONG_STATUS;
        }
        boolean sameSnapshot = ledger.lazadaUpdatedAt().equals(lazada.updatedAt());
        if (sameSnapshot && !statusSet(ledger.statuses()).equals(new TreeSet<>(lazada.statuses()))) {
            return Finding.WRONG_STATUS;
        }
        if (sameSnapshot && !stageFits(lazada.statuses(), ledger.stage())) {
            return Finding.WRONG_STAGE;
        }
        return documentsFit(ledger) ? null : Finding.WRONG_STAGE;
    }

    /** When all of Lazada's statuses fall in one stage, the ledger's stage must be that one (a mapping may have changed since). */
    boolean stageFits(List<String> statuses, String ledgerStage) {
        Set<Stage> stages = statuses.stream().map(mapping::stageOf).collect(Collectors.toSet());
        if (stages.size() != 1) {
            return true; // items disagree: only the per-item derivation knows, and the ledger applied it
        }
        Stage only = stages.iterator().next();
        return only.name().equals(ledgerStage) || "RETURNED".equals(ledgerStage) && only == Stage.DELIVERED;
    }

    /** The documents the rules give for the ledger's stage. */
    static boolean documentsFit(OrderDocuments d) {
        String stage = d.stage();
        boolean invoice = d.deliveryStatus() != null;
        boolean recycled = Boolean.TRUE.equals(d.recycled());
        switch (stage) {
            case "AWAITING_PAYMENT":
                return "OPEN".equals(d.salesOrderStatus()) && !invoice;
            case "PAID":
            case "READY_TO_SHIP":
                return invoice && !recycled && "UNSENT".equals(d.deliveryStatus()) && "UNPAID".equals(d.paymentStatus());
            case "SHIPPED":
                return invoice && !recycled && "SENT".equals(d.deliveryStatus()) && "UNPAID".equals(d.paymentStatus());
            case "DELIVERED":
            case "RETURNED":
                return invoice && !recycled && "SENT".equals(d.deliveryStatus()) && "PAID".equals(d.paymentStatus());
            case "CANCELED":
                return (d.salesOrderStatus() == null || !"OPEN".equals(d.salesOrderStatus())) && (!invoice || recycled);
            case "FAILED_DELIVERY":
                return invoice && recycled;
            default:
                return true; // UNMAPPED: held on purpose, nothing applied
        }
    }

    private static Set<String> statusSet(String stored) {
        return stored == null || stored.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(stored.split(",")));
    }
}
