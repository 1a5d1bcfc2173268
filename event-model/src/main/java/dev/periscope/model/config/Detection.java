package dev.periscope.model.config;

/**
 * The {@code detection} sub-tree: top-level switches and the detector blocks ({@code bola}, {@code brute_force},
 * … see the collector reference §1.9 and {@link DetectorSchema}).
 *
 * @param detectPii                  {@code detect_pii}: run the PII detectors (default true)
 * @param extractConsumerFingerprint {@code extract_consumer_fingerprint} (default true)
 * @param cookieInspection           {@code cookie_inspection}: look at cookie names (default false)
 * @param corsReflectionMinOrigins   {@code cors_reflection_min_origins} (default 3, range 1–8)
 * @param detectors                  the stateful detectors' blocks (Generation 2 defaults)
 */
public record Detection(boolean detectPii, boolean extractConsumerFingerprint, boolean cookieInspection,
        int corsReflectionMinOrigins, DetectorSettings detectors) {
    public static final boolean DEFAULT_DETECT_PII = true;
    public static final boolean DEFAULT_EXTRACT_CONSUMER_FINGERPRINT = true;
    public static final boolean DEFAULT_COOKIE_INSPECTION = false;
    public static final int DEFAULT_CORS_REFLECTION_MIN_ORIGINS = 3;
    public static final int MIN_CORS_REFLECTION_MIN_ORIGINS = 1;
    public static final int MAX_CORS_REFLECTION_MIN_ORIGINS = 8;

    /** The switches with every detector at its default. */
    public Detection(boolean detectPii, boolean extractConsumerFingerprint, boolean cookieInspection,
            int corsReflectionMinOrigins) {
        this(detectPii, extractConsumerFingerprint, cookieInspection, corsReflectionMinOrigins,
                DetectorSettings.defaults());
    }

    public Detection {
        detectors = detectors == null ? DetectorSettings.defaults() : detectors;
    }

    public static Detection defaults() {
        return new Detection(DEFAULT_DETECT_PII, DEFAULT_EXTRACT_CONSUMER_FINGERPRINT, DEFAULT_COOKIE_INSPECTION,
                DEFAULT_CORS_REFLECTION_MIN_ORIGINS);
    }
}
