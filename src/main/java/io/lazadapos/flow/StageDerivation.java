package io.lazadapos.flow;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage of an order derived from all its items, with what that derivation decided
 * about single items: lines that leave the document, returned lines, unknown statuses.
 */
public record StageDerivation(
        Stage stage,
        Map<String, LineRemoval> removedLines,
        List<String> returnedItems,
        List<String> failedItems,
        Set<String> unmappedStatuses) {

    public boolean partialFailedDelivery() {
        return stage != Stage.FAILED_DELIVERY && removedLines.containsValue(LineRemoval.FAILED_DELIVERY);
    }

    public boolean anyLineRemoved() {
        return !removedLines.isEmpty();
    }
}
