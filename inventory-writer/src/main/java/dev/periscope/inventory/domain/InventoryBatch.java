package dev.periscope.inventory.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.periscope.model.InventoryKey;
import dev.periscope.model.v1.AccessEvent;

/**
 * Folds a batch of enriched events into one {@link InventoryDelta} per (inventory key, source partition),
 * remembering which source items fed each delta so a permanently failed write can dead-letter exactly those.
 *
 * @param <S> the source item (a Kafka record in the service, anything in tests)
 */
public final class InventoryBatch<S> {
    private final Map<String, Entry<S>> entries = new LinkedHashMap<>();
    private int events;

    public void add(AccessEvent event, int partition, long offset, S source) {
        InventoryKey key = InventoryKey.of(event);
        String slot = key.id() + "@" + partition;
        Entry<S> entry = entries.computeIfAbsent(slot, s -> new Entry<>(new InventoryDelta(key, partition)));
        entry.delta.add(event, offset);
        entry.sources.add(source);
        events++;
    }

    /** In first-seen order; index {@code i} matches {@link #sourcesOf(int)}. */
    public List<InventoryDelta> deltas() {
        return entries.values().stream().map(e -> e.delta).toList();
    }

    public List<S> sourcesOf(int deltaIndex) {
        return List.copyOf(new ArrayList<>(entries.values()).get(deltaIndex).sources);
    }

    public int eventCount() {
        return events;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private record Entry<S>(InventoryDelta delta, List<S> sources) {
        Entry(InventoryDelta delta) {
            this(delta, new ArrayList<>());
        }
    }
}
