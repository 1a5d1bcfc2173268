package dev.periscope.model.config;

/**
 * A plain windowed counter's settings ({@code rate_anomaly}, {@code ip_rate}, {@code replay}, {@code path_scan}):
 * flag once {@code threshold} events (or distinct values) fall within {@code window_seconds}.
 */
public record WindowSettings(boolean enabled, int threshold, int windowSeconds) {
    static WindowSettings from(DetectorSchema.Values v) {
        return new WindowSettings(v.bool("enabled"), v.integer("threshold"), v.integer("window_seconds"));
    }
}
