package dev.periscope.model.cache;

import java.util.Objects;
import java.util.function.Function;

/**
 * A fixed number of slots, each holding the last key that hashed there and its value: memory stays bounded whatever
 * the key cardinality, a hit costs one hash and one {@code equals}, a miss replaces the slot's entry. Entries are
 * immutable and replaced with one reference write, so concurrent readers see a whole entry or none — values must be
 * pure functions of their keys (a racing thread computes the same value again).
 */
public final class DirectMappedCache<K, V> {
    private final Entry<K, V>[] slots;
    private final int mask;

    @SuppressWarnings("unchecked")
    public DirectMappedCache(int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, got " + slots);
        }
        this.slots = new Entry[slots];
        this.mask = slots - 1;
    }

    /** @return the value remembered for {@code key}, or null */
    public V get(K key) {
        Entry<K, V> entry = slots[slot(key)];
        return entry != null && entry.key.equals(key) ? entry.value : null;
    }

    public void put(K key, V value) {
        slots[slot(key)] = new Entry<>(key, Objects.requireNonNull(value, "value"));
    }

    /** The remembered value, or {@code compute(key)} (non-null), remembered. */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        V value = get(key);
        if (value == null) {
            value = compute.apply(key);
            put(key, value);
        }
        return value;
    }

    private int slot(K key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }

    private record Entry<K, V>(K key, V value) {
    }
}
