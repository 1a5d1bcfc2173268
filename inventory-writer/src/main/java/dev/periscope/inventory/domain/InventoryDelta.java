package dev.periscope.inventory.domain;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.periscope.model.InventoryKey;
import dev.periscope.model.v1.AccessEvent;

/**
 * What one consumed batch adds to one {@code api_inventory} document, folded from the events of one inventory key
 * read from one source partition. One delta becomes one upsert, so a batch costs one write per endpoint instead of
 * one per event; the source partition and offsets are kept for the per-partition applied-offset fencing.
 */
public final class InventoryDelta {
    /** How many recent event ids a document keeps ({@code sample_event_ids}). */
    public static final int SAMPLE_SIZE = 5;
    /** Bound on each discovered set (routes, clusters, content types) a single delta carries. */
    static final int MAX_SET_VALUES = 20;

    private final InventoryKey key;
    private final String id;
    private final int partition;
    private long firstOffset = Long.MAX_VALUE;
    private long lastOffset = -1;
    private long count;
    private long firstSeenMs = Long.MAX_VALUE;
    private long lastSeenMs = Long.MIN_VALUE;
    private final SortedMap<String, Long> statusCounts = new TreeMap<>();
    private final Deque<String> sampleEventIds = new ArrayDeque<>(SAMPLE_SIZE);
    private final Set<String> routes = new LinkedHashSet<>();
    private final Set<String> clusters = new LinkedHashSet<>();
    private final Set<String> contentTypes = new LinkedHashSet<>();

    public InventoryDelta(InventoryKey key, int partition) {
        this.key = key;
        this.id = key.id();
        this.partition = partition;
    }

    /** A delta of a single event, e.g. for tests and tools; {@code partition}/{@code offset} -1 when unknown. */
    public static InventoryDelta of(AccessEvent event, int partition, long offset) {
        InventoryDelta delta = new InventoryDelta(InventoryKey.of(event), partition);
        delta.add(event, offset);
        return delta;
    }

    /** Folds one enriched event (of this delta's key) in; events arrive in offset order per partition. */
    public void add(AccessEvent event, long offset) {
        count++;
        if (offset >= 0) {
            firstOffset = Math.min(firstOffset, offset);
            lastOffset = Math.max(lastOffset, offset);
        }
        firstSeenMs = Math.min(firstSeenMs, event.getTsMs());
        lastSeenMs = Math.max(lastSeenMs, event.getTsMs());
        statusCounts.merge(Integer.toString(event.getStatusCode()), 1L, Long::sum);
        if (!event.getEventId().isEmpty()) {
            if (sampleEventIds.size() == SAMPLE_SIZE) {
                sampleEventIds.removeFirst();
            }
            sampleEventIds.addLast(event.getEventId());
        }
        addBounded(routes, event.getRouteName());
        addBounded(clusters, event.getUpstreamCluster());
        addBounded(contentTypes, event.getContentType());
    }

    private static void addBounded(Set<String> set, String value) {
        if (!value.isEmpty() && set.size() < MAX_SET_VALUES) {
            set.add(value);
        }
    }

    public InventoryKey key() {
        return key;
    }

    /** The document {@code _id}: {@link InventoryKey#id()}. */
    public String id() {
        return id;
    }

    /** Source partition of the enriched topic, or -1 when unknown. */
    public int partition() {
        return partition;
    }

    /** Lowest source offset folded in, or -1 when none is known. */
    public long firstOffset() {
        return lastOffset < 0 ? -1 : firstOffset;
    }

    /** Highest source offset folded in, or -1 when none is known. */
    public long lastOffset() {
        return lastOffset;
    }

    public long count() {
        return count;
    }

    public long firstSeenMs() {
        return firstSeenMs;
    }

    public long lastSeenMs() {
        return lastSeenMs;
    }

    public Map<String, Long> statusCounts() {
        return Collections.unmodifiableSortedMap(statusCounts);
    }

    /** Oldest first, at most {@link #SAMPLE_SIZE}. */
    public List<String> sampleEventIds() {
        return List.copyOf(sampleEventIds);
    }

    public Set<String> routes() {
        return Collections.unmodifiableSet(routes);
    }

    public Set<String> clusters() {
        return Collections.unmodifiableSet(clusters);
    }

    public Set<String> contentTypes() {
        return Collections.unmodifiableSet(contentTypes);
    }
}
