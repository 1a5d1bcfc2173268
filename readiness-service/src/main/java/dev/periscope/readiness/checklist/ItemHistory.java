package dev.periscope.readiness.checklist;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent past of every checklist item: each status or evidence change (from {@link ItemChange}), newest first,
 * at most {@code perItem} entries per item, in memory (a restart starts a new history; the current state is always
 * re-evaluated from the health reports). Thread-safe.
 */
public final class ItemHistory {
    /** One change of an item: when, from which status to which, and the evidence that was not passing then. */
    public record Entry(Instant at, ItemStatus previous, ItemStatus status, Verdict verdict, List<Evidence> evidence) {
    }

    private final int perItem;
    private final Map<String, Deque<Entry>> entries = new HashMap<>();

    public ItemHistory(int perItem) {
        if (perItem < 1) {
            throw new IllegalArgumentException("perItem must be at least 1");
        }
        this.perItem = perItem;
    }

    public synchronized void record(List<ItemChange> changes) {
        for (ItemChange change : changes) {
            if (change.removed()) {
                entries.remove(change.id());
                continue;
            }
            ChecklistItem item = change.item();
            List<Evidence> notPassing = item.evidence().stream().filter(e -> e.status() != ItemStatus.PASS).toList();
            Deque<Entry> history = entries.computeIfAbsent(change.id(), id -> new ArrayDeque<>());
            history.addFirst(new Entry(change.at(), change.previous(), item.status(), change.verdict(), notPassing));
            while (history.size() > perItem) {
                history.removeLast();
            }
        }
    }

    /** Newest first; empty for an item that never changed since start-up (or does not exist). */
    public synchronized List<Entry> of(String id) {
        Deque<Entry> history = entries.get(id);
        return history == null ? List.of() : List.copyOf(history);
    }
}
