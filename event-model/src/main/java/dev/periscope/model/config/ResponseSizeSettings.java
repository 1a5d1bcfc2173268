package dev.periscope.model.config;

/**
 * {@code detection.response_size}: a response of at least {@code min_event_bytes}, {@code multiplier} times the
 * endpoint's mean (itself at least {@code min_baseline_bytes}) and {@code sigma} deviations above it, after
 * {@code warmup} samples, {@code consecutive} times in a row.
 */
public record ResponseSizeSettings(boolean enabled, double multiplier, long minBaselineBytes, long minEventBytes,
        int warmup, double sigma, int consecutive) {
    static ResponseSizeSettings from(DetectorSchema.Values v) {
        return new ResponseSizeSettings(v.bool("enabled"), v.number("multiplier"), v.longValue("min_baseline_bytes"),
                v.longValue("min_event_bytes"), v.integer("warmup"), v.number("sigma"), v.integer("consecutive"));
    }
}
