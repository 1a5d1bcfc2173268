package dev.periscope.gateway.health;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import dev.periscope.model.config.CidrBlock;

/**
 * How many of the recent downstream addresses are private ({@link PrivateAddresses}), over a sliding window of
 * {@code buckets} time slices. Called once per ALS entry on the ingest path, so recording is two adder increments;
 * a slice is cleared when the clock comes back to it. Counts at a slice boundary may land in the slice being
 * cleared: the share is approximate, which is all a "nearly all private" warning needs.
 */
public final class SourceIpMix {
    private final LongSupplier clockMillis;
    private final long sliceMillis;
    private final Slice[] slices;

    public SourceIpMix(LongSupplier clockMillis, Duration window, int buckets) {
        if (buckets < 1 || window.toMillis() < buckets) {
            throw new IllegalArgumentException("window " + window + " cannot hold " + buckets + " slices");
        }
        this.clockMillis = clockMillis;
        this.sliceMillis = window.toMillis() / buckets;
        this.slices = new Slice[buckets];
        for (int i = 0; i < buckets; i++) {
            slices[i] = new Slice();
        }
    }

    /** Counts one downstream address; an empty value (pipe, internal listener) or a non-IP is not counted. */
    public void record(String sourceIp) {
        if (sourceIp == null || sourceIp.isEmpty()) {
            return;
        }
        byte[] address = CidrBlock.parseAddress(sourceIp);
        if (address == null) {
            return;
        }
        Slice slice = current(clockMillis.getAsLong() / sliceMillis);
        slice.total.increment();
        if (PrivateAddresses.isPrivate(address)) {
            slice.privateCount.increment();
        }
    }

    /** Entries and private entries over the window ending now. */
    public Snapshot snapshot() {
        long now = clockMillis.getAsLong() / sliceMillis;
        long total = 0;
        long privateCount = 0;
        for (Slice slice : slices) {
            if (slice.epoch > now - slices.length && slice.epoch <= now) {
                total += slice.total.sum();
                privateCount += slice.privateCount.sum();
            }
        }
        return new Snapshot(total, privateCount);
    }

    public Duration window() {
        return Duration.ofMillis(sliceMillis * slices.length);
    }

    private Slice current(long epoch) {
        Slice slice = slices[(int) Math.floorMod(epoch, (long) slices.length)];
        if (slice.epoch != epoch) {
            synchronized (slice) {
                if (slice.epoch != epoch) {
                    slice.total.reset();
                    slice.privateCount.reset();
                    slice.epoch = epoch;
                }
            }
        }
        return slice;
    }

    public record Snapshot(long entries, long privateEntries) {
        /** Share of private addresses in percent, one decimal; NaN without entries. */
        public double privatePercent() {
            return entries == 0 ? Double.NaN : Math.round(1000.0 * privateEntries / entries) / 10.0;
        }
    }

    private static final class Slice {
        volatile long epoch = Long.MIN_VALUE;
        final LongAdder total = new LongAdder();
        final LongAdder privateCount = new LongAdder();
    }
}
