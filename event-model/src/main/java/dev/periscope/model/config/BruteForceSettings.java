package dev.periscope.model.config;

/**
 * {@code detection.brute_force}: refused (401/403) mutating calls to auth endpoints — {@code threshold} per consumer,
 * or {@code threshold_ip} per source address when at least {@code min_failure_ratio} of its attempts failed.
 */
public record BruteForceSettings(boolean enabled, int threshold, int windowSeconds, int thresholdIp,
        double minFailureRatio) {
    static BruteForceSettings from(DetectorSchema.Values v) {
        return new BruteForceSettings(v.bool("enabled"), v.integer("threshold"), v.integer("window_seconds"),
                v.integer("threshold_ip"), v.number("min_failure_ratio"));
    }
}
