package dev.periscope.model.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every detector block of {@code detection}, validated. {@link #values()} keeps each block as validated (used to
 * render the effective document); the typed records are what detectors read, and a detector keeps its state across
 * a reload exactly when its record is equal.
 */
public record DetectorSettings(BolaSettings bola, BruteForceSettings bruteForce, WindowSettings rateAnomaly,
        PaymentAbuseSettings paymentAbuse, WindowSettings replay, WindowSettings pathScan,
        GeoSpreadSettings geoSpread, WindowSettings ipRate, ResponseSizeSettings responseSize,
        BehaviorSettings behavior, AuthInconsistentSettings authInconsistent,
        Map<String, DetectorSchema.Values> values) {

    private static final DetectorSettings DEFAULTS = of(defaultValues());

    public DetectorSettings {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static DetectorSettings defaults() {
        return DEFAULTS;
    }

    /** Builds the records from validated blocks; a block missing from {@code blocks} takes its defaults. */
    static DetectorSettings of(Map<String, DetectorSchema.Values> blocks) {
        Map<String, DetectorSchema.Values> all = new LinkedHashMap<>(defaultValues());
        all.putAll(blocks);
        return new DetectorSettings(BolaSettings.from(all.get(DetectorSchema.BOLA)),
                BruteForceSettings.from(all.get(DetectorSchema.BRUTE_FORCE)),
                WindowSettings.from(all.get(DetectorSchema.RATE_ANOMALY)),
                PaymentAbuseSettings.from(all.get(DetectorSchema.PAYMENT_ABUSE)),
                WindowSettings.from(all.get(DetectorSchema.REPLAY)),
                WindowSettings.from(all.get(DetectorSchema.PATH_SCAN)),
                GeoSpreadSettings.from(all.get(DetectorSchema.GEO_SPREAD)),
                WindowSettings.from(all.get(DetectorSchema.IP_RATE)),
                ResponseSizeSettings.from(all.get(DetectorSchema.RESPONSE_SIZE)),
                BehaviorSettings.from(all.get(DetectorSchema.BEHAVIOR)),
                AuthInconsistentSettings.from(all.get(DetectorSchema.AUTH_INCONSISTENT)), all);
    }

    private static Map<String, DetectorSchema.Values> defaultValues() {
        Map<String, DetectorSchema.Values> out = new LinkedHashMap<>();
        for (String block : DetectorSchema.BLOCKS.keySet()) {
            out.put(block, DetectorSchema.Values.defaults(block));
        }
        return out;
    }
}
