package dev.periscope.traffic.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with geometric bucket bounds (1 µs to about 100 s, ratio 1.1, so a quantile is off by
 * at most 10%), rendered as a Prometheus histogram. Used by {@link BareAlsServer} for its per-message handling time.
 */
public final class Histogram {
    private static final double RATIO = 1.1;
    private static final double[] BOUNDS_SECONDS = bounds();

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_SECONDS.length + 1);
    private final LongAdder sumNanos = new LongAdder();

    private static double[] bounds() {
        double[] out = new double[200];
        int n = 0;
        for (double b = 1e-6; b < 100 && n < out.length; b *= RATIO) {
            out[n++] = b;
        }
        return Arrays.copyOf(out, n);
    }

    public void recordNanos(long nanos) {
        double seconds = nanos / 1e9;
        int index = Arrays.binarySearch(BOUNDS_SECONDS, seconds);
        if (index < 0) {
            index = -index - 1; // first bound >= value; BOUNDS.length = +Inf
        }
        counts.incrementAndGet(index);
        sumNanos.add(nanos);
    }

    /** Prometheus text lines for {@code name} ({@code _bucket}, {@code _count}, {@code _sum}), cumulative. */
    public String render(String name, String help) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
            cumulative += counts.get(i);
            out.append(name).append("_bucket{le=\"").append(BOUNDS_SECONDS[i]).append("\"} ").append(cumulative)
                    .append('\n');
        }
        cumulative += counts.get(BOUNDS_SECONDS.length);
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append(name).append("_count ").append(cumulative).append('\n');
        out.append(name).append("_sum ").append(sumNanos.sum() / 1e9).append('\n');
        return out.toString();
    }
}
