package dev.periscope.enricher.classify;

/**
 * Risk-flag names the classification stages raise (the collector reference's names). Detectors and scores
 * (issue 5) add theirs; severities and axes live with the scorer.
 */
public final class Flags {
    // raised at the gateway, carried through
    public static final String CREDENTIAL_IN_QUERY = "credential_in_query";
    public static final String PATH_TRUNCATED = "path_truncated";
    // path and PII
    public static final String JWT_IN_PATH = "jwt_in_path";
    public static final String SECRET_IN_PATH = "secret_in_path";
    public static final String PII_OBSERVED = "pii_observed";
    // user agent
    public static final String SCANNER_USER_AGENT = "scanner_user_agent";
    // transport and posture (one event is enough)
    public static final String MISSING_HSTS = "missing_hsts";
    public static final String WEAK_TLS_VERSION = "weak_tls_version";
    public static final String PLAIN_TEXT_TRANSPORT = "plain_text_transport";
    public static final String LEGACY_PROTOCOL = "legacy_protocol";
    public static final String MISSING_X_CONTENT_TYPE_OPTIONS = "missing_x_content_type_options";
    public static final String MISSING_X_FRAME_OPTIONS = "missing_x_frame_options";
    public static final String MISSING_CSP = "missing_csp";
    public static final String PERMISSIVE_CORS = "permissive_cors";
    public static final String VERSION_DISCLOSURE = "version_disclosure";
    public static final String VULN_PROBE_PATH = "vuln_probe_path";
    public static final String SENSITIVE_PATH_KEYWORD = "sensitive_path_keyword";
    public static final String UNSAFE_METHOD_ON_READONLY = "unsafe_method_on_readonly";
    public static final String ERROR_STATUS = "error_status";
    public static final String CLIENT_ERROR_STATUS = "client_error_status";
    public static final String INTERNAL_HOST = "internal_host";
    public static final String EXTERNAL_HOST = "external_host";
    // enrichment chain
    public static final String THREAT_INTEL_HIT = "threat_intel_hit";

    private Flags() {
    }
}
