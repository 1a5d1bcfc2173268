package dev.periscope.model.config;

/**
 * {@code detection.behavior}: per-endpoint latency and error-rate baselines. Nothing fires before {@code warmup}
 * samples of an endpoint nor within {@code startup_suppress_seconds} of start-up. Latency: at least
 * {@code latency_min_ms} and {@code latency_sigma} deviations above the mean, {@code latency_consecutive} times in a
 * row. Error rate (4xx except 401/429): the fast average (α {@code error_rate_fast_alpha}) at least
 * {@code error_rate_multiplier} times the slow one (α {@code error_rate_slow_alpha}) and at least
 * {@code error_rate_min_rate}, {@code error_rate_consecutive} times in a row.
 */
public record BehaviorSettings(boolean enabled, int warmup, int startupSuppressSeconds, double latencySigma,
        int latencyMinMs, int latencyConsecutive, double errorRateFastAlpha, double errorRateSlowAlpha,
        double errorRateMultiplier, double errorRateMinRate, int errorRateConsecutive) {
    static BehaviorSettings from(DetectorSchema.Values v) {
        return new BehaviorSettings(v.bool("enabled"), v.integer("warmup"), v.integer("startup_suppress_seconds"),
                v.number("latency_sigma"), v.integer("latency_min_ms"), v.integer("latency_consecutive"),
                v.number("error_rate_fast_alpha"), v.number("error_rate_slow_alpha"),
                v.number("error_rate_multiplier"), v.number("error_rate_min_rate"),
                v.integer("error_rate_consecutive"));
    }
}
