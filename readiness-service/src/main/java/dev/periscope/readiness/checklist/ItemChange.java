package dev.periscope.readiness.checklist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A checklist item whose status or evidence changed between two evaluations ({@code previous} is null for an item
 * that is new), with the verdict after the change. {@code removed} marks an item whose rule was unloaded.
 */
public record ItemChange(String id, ItemStatus previous, ChecklistItem item, Verdict verdict, Instant at,
        boolean removed) {

    /** The items that differ from the previous report in status or in any evidence's subject, status or message. */
    public static List<ItemChange> between(ChecklistReport before, ChecklistReport after) {
        Map<String, ChecklistItem> old = before == null ? Map.of()
                : before.items().stream().collect(Collectors.toMap(ChecklistItem::id, Function.identity()));
        List<ItemChange> changes = new ArrayList<>();
        for (ChecklistItem item : after.items()) {
            ChecklistItem was = old.get(item.id());
            if (was == null || was.status() != item.status() || !sameEvidence(was, item)) {
                changes.add(new ItemChange(item.id(), was == null ? null : was.status(), item, after.verdict(),
                        after.evaluatedAt(), false));
            }
        }
        old.keySet().stream().filter(id -> after.item(id).isEmpty()).sorted().forEach(id -> changes.add(
                new ItemChange(id, old.get(id).status(), null, after.verdict(), after.evaluatedAt(), true)));
        return changes;
    }

    private static boolean sameEvidence(ChecklistItem a, ChecklistItem b) {
        if (a.evidence().size() != b.evidence().size()) {
            return false;
        }
        for (int i = 0; i < a.evidence().size(); i++) {
            Evidence x = a.evidence().get(i);
            Evidence y = b.evidence().get(i);
            if (!x.subject().equals(y.subject()) || x.status() != y.status()
                    || !Objects.equals(x.message(), y.message())) {
                return false;
            }
        }
        return true;
    }
}
