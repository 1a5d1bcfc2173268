package dev.periscope.model;

/**
 * {@link InventoryKey#id()} remembered for the last keys seen ({@value #SLOTS} direct-mapped slots of immutable
 * entries, so it may be shared between threads): an endpoint's events repeat its key, and the id is a SHA-256 over
 * eight fields. Memory stays bounded whatever the key cardinality.
 */
public final class InventoryKeyIds {
    static final int SLOTS = 4096;

    private final Entry[] slots = new Entry[SLOTS];

    public String id(InventoryKey key) {
        int h = key.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && entry.key.equals(key)) {
            return entry.id;
        }
        String id = key.id();
        slots[slot] = new Entry(key, id);
        return id;
    }

    private record Entry(InventoryKey key, String id) {
    }
}
