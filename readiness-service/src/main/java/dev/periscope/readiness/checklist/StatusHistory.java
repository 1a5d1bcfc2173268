package dev.periscope.readiness.checklist;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Since when each key (an item, or an item's subject) has had its current status. */
final class StatusHistory {
    private record Entry(ItemStatus status, Instant since) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    Instant record(String key, ItemStatus status, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null || entry.status() != status) {
            entry = new Entry(status, now);
            entries.put(key, entry);
        }
        return entry.since();
    }

    void retain(Set<String> keys) {
        entries.keySet().retainAll(keys);
    }
}
