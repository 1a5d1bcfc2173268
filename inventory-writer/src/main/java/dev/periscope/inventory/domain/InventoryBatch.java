package dev.periscope.inventory.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.periscope.model.InventoryKey;
import dev.periscope.model.v1.AccessEvent;

/**
 * Folds a batch of enriched events into one {@link Slot} per (inventory key, source partition): its delta, and the
 * events and source items that fed it, so a permanently failed write can dead-letter exactly those and a partly
 * applied slot (after a crash) can be folded again from the first offset not yet applied.
 *
 * @param <S> the source item (a Kafka record in the service, anything in tests)
 */
public final class InventoryBatch<S> {
    private final InventoryLimits limits;
    private final Map<String, Slot<S>> slots = new LinkedHashMap<>();
    private int events;

    public InventoryBatch(InventoryLimits limits) {
        this.limits = limits;
    }

    public InventoryBatch() {
        this(InventoryLimits.DEFAULTS);
    }

    public void add(AccessEvent event, int partition, long offset, S source) {
        InventoryKey key = InventoryKey.of(event);
        String slotKey = key.id() + "@" + partition;
        Slot<S> slot = slots.computeIfAbsent(slotKey, s -> new Slot<>(key, partition, limits));
        slot.add(event, offset, source);
        events++;
    }

    /** In first-seen order. */
    public List<Slot<S>> slots() {
        return List.copyOf(slots.values());
    }

    /** One delta per slot, in first-seen order. */
    public List<InventoryDelta> deltas() {
        return slots.values().stream().map(Slot::delta).toList();
    }

    public int eventCount() {
        return events;
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** The events of one (inventory key, source partition) in one batch. */
    public static final class Slot<S> {
        private final InventoryKey key;
        private final int partition;
        private final InventoryLimits limits;
        private final InventoryDelta delta;
        private final List<Contribution<S>> contributions = new ArrayList<>();

        Slot(InventoryKey key, int partition, InventoryLimits limits) {
            this.key = key;
            this.partition = partition;
            this.limits = limits;
            this.delta = new InventoryDelta(key, partition, limits);
        }

        void add(AccessEvent event, long offset, S source) {
            delta.add(event, offset);
            contributions.add(new Contribution<>(event, offset, source));
        }

        public InventoryKey key() {
            return key;
        }

        public String id() {
            return delta.id();
        }

        public String projectId() {
            return key.projectId();
        }

        public int partition() {
            return partition;
        }

        /** Everything the slot's events add. */
        public InventoryDelta delta() {
            return delta;
        }

        /**
         * What the events after {@code appliedOffset} add: the slot folded again without the offsets a document
         * already applied. Empty when every event of the slot is at or below it.
         */
        public java.util.Optional<InventoryDelta> deltaAfter(long appliedOffset) {
            InventoryDelta rest = new InventoryDelta(key, partition, limits);
            for (Contribution<S> c : contributions) {
                if (c.offset() > appliedOffset) {
                    rest.add(c.event(), c.offset());
                }
            }
            return rest.count() == 0 ? java.util.Optional.empty() : java.util.Optional.of(rest);
        }

        /** Events of the slot at or below {@code appliedOffset}. */
        public long eventsUpTo(long appliedOffset) {
            return contributions.stream().filter(c -> c.offset() <= appliedOffset).count();
        }

        /** Source items of the events after {@code appliedOffset} ({@code -1}: all). */
        public List<S> sourcesAfter(long appliedOffset) {
            return contributions.stream().filter(c -> c.offset() > appliedOffset).map(Contribution::source).toList();
        }

        public List<S> sources() {
            return contributions.stream().map(Contribution::source).toList();
        }

        public int eventCount() {
            return contributions.size();
        }
    }

    private record Contribution<S>(AccessEvent event, long offset, S source) {
    }
}
