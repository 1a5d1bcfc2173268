package dev.periscope.model.config;

/**
 * {@code detection.bola}: a consumer touching {@code threshold} distinct object ids within {@code window_seconds},
 * of which at least {@code min_forbidden} and {@code min_forbidden_ratio} were refused.
 */
public record BolaSettings(boolean enabled, int threshold, int windowSeconds, int minForbidden,
        double minForbiddenRatio, boolean skipMachineConsumers) {
    static BolaSettings from(DetectorSchema.Values v) {
        return new BolaSettings(v.bool("enabled"), v.integer("threshold"), v.integer("window_seconds"),
                v.integer("min_forbidden"), v.number("min_forbidden_ratio"), v.bool("skip_machine_consumers"));
    }
}
