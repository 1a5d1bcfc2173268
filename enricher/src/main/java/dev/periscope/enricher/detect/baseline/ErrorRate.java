package dev.periscope.enricher.detect.baseline;

/**
 * One endpoint's error rate as two exponentially weighted averages of "was this a client rejection" (1 or 0): a fast
 * one that reacts within a few requests and a slow one that is the baseline. Also counts the current run of spike
 * evaluations (not persisted). Not thread-safe: guarded by its table's stripe lock.
 */
public final class ErrorRate {
    private long count;
    private double fast;
    private double slow;
    private int consecutiveHits;

    public ErrorRate() {
    }

    ErrorRate(long count, double fast, double slow) {
        this.count = count;
        this.fast = fast;
        this.slow = slow;
    }

    public void add(boolean error, double fastAlpha, double slowAlpha) {
        double sample = error ? 1 : 0;
        count++;
        if (count == 1) {
            fast = sample;
            slow = sample;
        } else {
            fast += fastAlpha * (sample - fast);
            slow += slowAlpha * (sample - slow);
        }
    }

    public long count() {
        return count;
    }

    public double fast() {
        return fast;
    }

    public double slow() {
        return slow;
    }

    public int hit() {
        return ++consecutiveHits;
    }

    public void miss() {
        consecutiveHits = 0;
    }

    ErrorRate copy() {
        return new ErrorRate(count, fast, slow);
    }
}
