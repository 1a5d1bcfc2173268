package dev.periscope.enricher.detect;

/**
 * Event counts over a sliding window, in {@value #SLOTS_PER_WINDOW} slots of window/12 plus the current one, with
 * up to a few parallel channels (e.g. attempts and failures). An event counts for at least the window and at most
 * one slot longer. Memory is fixed (13 slots × channels), whatever the rate. Not thread-safe: guarded by the
 * caller's {@link KeyedState} stripe.
 */
public final class SlidingCounts {
    static final int SLOTS_PER_WINDOW = 12;
    private static final int SLOTS = SLOTS_PER_WINDOW + 1;

    private final long slotMillis;
    private final int channels;
    private final long[] epochs = new long[SLOTS];
    private final int[] counts;

    public SlidingCounts(long windowMillis, int channels) {
        this.slotMillis = Math.max(1, windowMillis / SLOTS_PER_WINDOW);
        this.channels = channels;
        this.counts = new int[SLOTS * channels];
        java.util.Arrays.fill(epochs, Long.MIN_VALUE);
    }

    /** Adds {@code amount} to {@code channel} at {@code nowMillis}; an event older than the window is ignored. */
    public void add(long nowMillis, int channel, int amount) {
        long epoch = Math.floorDiv(nowMillis, slotMillis);
        int slot = (int) Math.floorMod(epoch, (long) SLOTS);
        if (epochs[slot] != epoch) {
            if (epochs[slot] > epoch) {
                return;
            }
            epochs[slot] = epoch;
            for (int c = 0; c < channels; c++) {
                counts[slot * channels + c] = 0;
            }
        }
        counts[slot * channels + channel] += amount;
    }

    /** The channel's count over the window ending at {@code nowMillis}. */
    public long sum(long nowMillis, int channel) {
        long current = Math.floorDiv(nowMillis, slotMillis);
        long total = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            long epoch = epochs[slot];
            if (epoch > current - SLOTS && epoch <= current) {
                total += counts[slot * channels + channel];
            }
        }
        return total;
    }
}
