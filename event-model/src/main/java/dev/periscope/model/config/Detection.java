package dev.periscope.model.config;

/**
 * The {@code detection} sub-tree. Only its top-level switches are modelled so far; the detector blocks
 * ({@code bola}, {@code brute_force}, … see the collector reference §1.9) are accepted and ignored until the
 * enricher's detectors need them — add them here, with their validation in {@link RuntimeConfigValidator}.
 *
 * @param detectPii                  {@code detect_pii}: run the PII detectors (default true)
 * @param extractConsumerFingerprint {@code extract_consumer_fingerprint} (default true)
 * @param cookieInspection           {@code cookie_inspection}: look at cookie names (default false)
 * @param corsReflectionMinOrigins   {@code cors_reflection_min_origins} (default 3, range 1–8)
 */
public record Detection(boolean detectPii, boolean extractConsumerFingerprint, boolean cookieInspection,
        int corsReflectionMinOrigins) {
    public static final boolean DEFAULT_DETECT_PII = true;
    public static final boolean DEFAULT_EXTRACT_CONSUMER_FINGERPRINT = true;
    public static final boolean DEFAULT_COOKIE_INSPECTION = false;
    public static final int DEFAULT_CORS_REFLECTION_MIN_ORIGINS = 3;
    public static final int MIN_CORS_REFLECTION_MIN_ORIGINS = 1;
    public static final int MAX_CORS_REFLECTION_MIN_ORIGINS = 8;

    public static Detection defaults() {
        return new Detection(DEFAULT_DETECT_PII, DEFAULT_EXTRACT_CONSUMER_FINGERPRINT, DEFAULT_COOKIE_INSPECTION,
                DEFAULT_CORS_REFLECTION_MIN_ORIGINS);
    }
}
