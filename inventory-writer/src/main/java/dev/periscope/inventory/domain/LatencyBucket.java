package dev.periscope.inventory.domain;

/** The six {@code latency_buckets} of the reference, by request duration in milliseconds (upper bound exclusive). */
public enum LatencyBucket {
    LT5("lt5", 5),
    LT25("lt25", 25),
    LT100("lt100", 100),
    LT500("lt500", 500),
    LT2000("lt2000", 2000),
    GE2000("ge2000", Double.POSITIVE_INFINITY);

    private final String field;
    private final double upperExclusive;

    LatencyBucket(String field, double upperExclusive) {
        this.field = field;
        this.upperExclusive = upperExclusive;
    }

    /** The sub-field name under {@code latency_buckets}. */
    public String field() {
        return field;
    }

    /** @return the bucket, or {@code null} for a duration that is not a finite, non-negative number */
    public static LatencyBucket of(double durationMs) {
        if (!Double.isFinite(durationMs) || durationMs < 0) {
            return null;
        }
        for (LatencyBucket bucket : values()) {
            if (durationMs < bucket.upperExclusive) {
                return bucket;
            }
        }
        return GE2000;
    }
}
