package dev.periscope.enricher.detect.baseline;

/**
 * Mean and variance of one endpoint's samples (response bytes, latency): exact (Welford) for the first
 * {@value #EXACT_SAMPLES} samples, then exponentially weighted with α = 1/{@value #EXACT_SAMPLES}, so a long-lived
 * endpoint still follows slow drift. Also counts the current run of anomalous samples (not persisted). Not
 * thread-safe: guarded by its table's stripe lock.
 */
public final class RunningStats {
    static final int EXACT_SAMPLES = 1000;

    private long count;
    private double mean;
    private double variance;
    private int consecutiveHits;

    public RunningStats() {
    }

    RunningStats(long count, double mean, double variance) {
        this.count = count;
        this.mean = mean;
        this.variance = variance;
    }

    public void add(double sample) {
        count++;
        double delta = sample - mean;
        if (count <= EXACT_SAMPLES) {
            double m2 = variance * Math.max(0, count - 2);
            mean += delta / count;
            m2 += delta * (sample - mean);
            variance = count > 1 ? m2 / (count - 1) : 0;
        } else {
            double alpha = 1.0 / EXACT_SAMPLES;
            mean += alpha * delta;
            variance = (1 - alpha) * (variance + alpha * delta * delta);
        }
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    public double stddev() {
        return Math.sqrt(variance);
    }

    double variance() {
        return variance;
    }

    /** Counts an anomalous sample; returns the length of the current run. */
    public int hit() {
        return ++consecutiveHits;
    }

    public void miss() {
        consecutiveHits = 0;
    }

    RunningStats copy() {
        return new RunningStats(count, mean, variance);
    }
}
