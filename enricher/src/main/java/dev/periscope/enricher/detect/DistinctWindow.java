package dev.periscope.enricher.detect;

/**
 * Distinct values (as 64-bit hashes) seen within a window, keeping at most {@code capacity} of them: detectors only
 * need to know whether the threshold was reached, so the capacity is the threshold (≤ 128 by validation). The arrays
 * start at {@value #INITIAL} slots and double up to the capacity, so the many keys that see one or two values (a
 * flood of distinct sources) cost a few dozen bytes each, not the threshold's worth. A value seen again refreshes its
 * time. Not thread-safe (see {@link KeyedState}).
 */
public final class DistinctWindow {
    static final int INITIAL = 2;
    private final int capacity;
    private long[] values;
    private long[] seenAt;
    private int size;

    public DistinctWindow(int capacity) {
        this.capacity = Math.max(1, capacity);
        values = new long[Math.min(INITIAL, this.capacity)];
        seenAt = new long[values.length];
    }

    int allocatedSlots() {
        return values.length;
    }

    /** Records {@code value} at {@code nowMillis} and returns how many distinct values the window now holds. */
    public int observe(long value, long nowMillis, long windowMillis) {
        expire(nowMillis, windowMillis);
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                seenAt[i] = Math.max(seenAt[i], nowMillis);
                return size;
            }
        }
        if (size == values.length && size < capacity) {
            int grown = Math.min(capacity, values.length * 2);
            values = java.util.Arrays.copyOf(values, grown);
            seenAt = java.util.Arrays.copyOf(seenAt, grown);
        }
        if (size < values.length) {
            values[size] = value;
            seenAt[size] = nowMillis;
            size++;
        }
        return size;
    }

    private void expire(long nowMillis, long windowMillis) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (seenAt[i] > nowMillis - windowMillis) {
                values[kept] = values[i];
                seenAt[kept] = seenAt[i];
                kept++;
            }
        }
        size = kept;
    }
}
