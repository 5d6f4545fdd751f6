package io.lazadapos.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Derives an order's stage from its items' statuses (pos-flow.md, "Orders whose items disagree"):
 * <ol>
 * <li>any unknown status: UNMAPPED, nothing applied;</li>
 * <li>cancelled items leave the document; none left: CANCELED;</li>
 * <li>any remaining item returned: RETURNED;</li>
 * <li>all remaining failed delivery: FAILED_DELIVERY; some: those lines leave the document;</li>
 * <li>otherwise the least advanced remaining item decides.</li>
 * </ol>
 */
public final class OrderStageResolver {

    private final StatusMapping mapping;

    public OrderStageResolver(StatusMapping mapping) {
        this.mapping = mapping;
    }

    public StatusMapping mapping() {
        return mapping;
    }

    /** @param itemStatuses item id to Lazada status, in item order */
    public StageDerivation derive(Map<String, String> itemStatuses) {
        if (itemStatuses.isEmpty()) {
            throw new IllegalArgumentException("an order without items has no stage");
        }
        TreeSet<String> unmapped = new TreeSet<>();
        Map<String, Stage> stages = new LinkedHashMap<>();
        itemStatuses.forEach((item, status) -> {
            Stage s = mapping.stageOf(status);
            if (s == Stage.UNMAPPED) {
                unmapped.add(status == null ? "null" : status);
            }
            stages.put(item, s);
        });
        if (!unmapped.isEmpty()) {
            return new StageDerivation(Stage.UNMAPPED, Map.of(), List.of(), List.of(), Collections.unmodifiableSortedSet(unmapped));
        }

        List<String> remaining = new ArrayList<>();
        List<String> canceled = new ArrayList<>();
        stages.forEach((item, s) -> (s == Stage.CANCELED ? canceled : remaining).add(item));
        if (remaining.isEmpty()) {
            return new StageDerivation(Stage.CANCELED, Map.of(), List.of(), List.of(), Collections.emptySortedSet());
        }
        Map<String, LineRemoval> removed = new LinkedHashMap<>();
        canceled.forEach(item -> removed.put(item, LineRemoval.CANCELED));

        List<String> returned = remaining.stream().filter(i -> stages.get(i) == Stage.RETURNED).toList();
        List<String> failed = remaining.stream().filter(i -> stages.get(i) == Stage.FAILED_DELIVERY).toList();

        if (!returned.isEmpty()) {
            // A return concerns delivered goods; failed lines (if any) still leave the invoice.
            failed.forEach(item -> removed.put(item, LineRemoval.FAILED_DELIVERY));
            return new StageDerivation(Stage.RETURNED, Collections.unmodifiableMap(removed), returned, failed, Collections.emptySortedSet());
        }
        if (failed.size() == remaining.size()) {
            return new StageDerivation(Stage.FAILED_DELIVERY, Collections.unmodifiableMap(removed), List.of(), failed, Collections.emptySortedSet());
        }
        failed.forEach(item -> removed.put(item, LineRemoval.FAILED_DELIVERY));

        Stage least = null;
        for (String item : remaining) {
            Stage s = stages.get(item);
            if (s == Stage.FAILED_DELIVERY) {
                continue;
            }
            if (least == null || s.rank() < least.rank()) {
                least = s;
            }
        }
        return new StageDerivation(least, Collections.unmodifiableMap(removed), List.of(), failed, Collections.emptySortedSet());
    }
}
