package dev.periscope.enricher.detect;

/** The risk flags the detectors raise (the collector reference's names, §1.8). */
public final class DetectorFlags {
    public static final String BOLA_SUSPECT = "bola_suspect";
    public static final String BRUTE_FORCE_SUSPECT = "brute_force_suspect";
    public static final String RATE_ANOMALY = "rate_anomaly";
    public static final String IP_RATE_ANOMALY = "ip_rate_anomaly";
    public static final String PAYMENT_ABUSE_SUSPECT = "payment_abuse_suspect";
    public static final String REPLAY_SUSPECT = "replay_suspect";
    public static final String PATH_SCAN_SUSPECT = "path_scan_suspect";
    public static final String IMPOSSIBLE_TRAVEL = "impossible_travel";
    public static final String GEO_CHANGE = "geo_change";
    public static final String OVERSIZED_RESPONSE = "oversized_response";
    public static final String LATENCY_ANOMALY = "latency_anomaly";
    public static final String ERROR_RATE_SPIKE = "error_rate_spike";
    public static final String AUTH_INCONSISTENT = "auth_inconsistent";

    private DetectorFlags() {
    }
}
