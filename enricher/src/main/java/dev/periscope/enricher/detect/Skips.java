package dev.periscope.enricher.detect;

/** Skip reasons ({@code periscope_detector_skipped_total{reason}}). */
public final class Skips {
    public static final String EVICTED = "evicted";
    public static final String NO_CONSUMER = "no_consumer";
    public static final String NO_SOURCE = "no_source";
    public static final String TRUSTED_PROXY = "trusted_proxy";
    public static final String MACHINE_CONSUMER = "machine_consumer";
    public static final String MTLS = "mtls";
    public static final String NO_GEO = "no_geo";
    public static final String NO_NONCE = "no_nonce";
    public static final String FILE_CONTENT = "file_content";
    public static final String STARTUP = "startup";
    public static final String ERROR = "error";

    private Skips() {
    }
}
