package dev.periscope.enricher.detect;

/**
 * Distinct values (as 64-bit hashes) seen within a window, keeping at most {@code capacity} of them: detectors only
 * need to know whether the threshold was reached, so the capacity is the threshold (≤ 128 by validation) and the
 * memory per key is fixed. A value seen again refreshes its time. Not thread-safe (see {@link KeyedState}).
 */
public final class DistinctWindow {
    private final long[] values;
    private final long[] seenAt;
    private int size;

    public DistinctWindow(int capacity) {
        values = new long[Math.max(1, capacity)];
        seenAt = new long[values.length];
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
