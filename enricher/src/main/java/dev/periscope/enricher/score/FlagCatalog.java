package dev.periscope.enricher.score;

import static dev.periscope.enricher.score.Axis.EXPOSURE;
import static dev.periscope.enricher.score.Axis.THREAT;
import static dev.periscope.enricher.score.Severity.CRITICAL;
import static dev.periscope.enricher.score.Severity.HIGH;
import static dev.periscope.enricher.score.Severity.INFO;
import static dev.periscope.enricher.score.Severity.LOW;
import static dev.periscope.enricher.score.Severity.MEDIUM;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Severity and axis of every risk flag Periscope raises: the reference's second-generation table (§1.8), which
 * is the one the enricher implements. The exposure axis is the reference's posture list plus the status flags
 * and the second generation's transport, cookie and credential-in-URL additions; everything else is threat.
 * Flags the reference does not list ({@code jwt_in_path}, {@code secret_in_path}, {@code path_truncated}) are
 * placed here and documented in the README's "Scores" table.
 */
public final class FlagCatalog {

    /** One flag's place in the scores. */
    public record Entry(Severity severity, Axis axis) {
    }

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            // auth
            Map.entry("unauthenticated", new Entry(MEDIUM, EXPOSURE)),
            Map.entry("weak_token_ttl", new Entry(HIGH, EXPOSURE)),
            Map.entry("basic_auth_plaintext", new Entry(CRITICAL, EXPOSURE)),
            // attack patterns
            Map.entry("brute_force_suspect", new Entry(CRITICAL, THREAT)),
            Map.entry("payment_abuse_suspect", new Entry(CRITICAL, THREAT)),
            Map.entry("threat_intel_hit", new Entry(CRITICAL, THREAT)),
            Map.entry("bfla_suspect", new Entry(CRITICAL, THREAT)),
            Map.entry("bola_suspect", new Entry(HIGH, THREAT)),
            Map.entry("rate_anomaly", new Entry(HIGH, THREAT)),
            Map.entry("replay_suspect", new Entry(MEDIUM, THREAT)),
            Map.entry("scanner_user_agent", new Entry(HIGH, THREAT)),
            Map.entry("vuln_probe_path", new Entry(HIGH, THREAT)),
            Map.entry("path_scan_suspect", new Entry(HIGH, THREAT)),
            Map.entry("impossible_travel", new Entry(HIGH, THREAT)),
            Map.entry("ip_rate_anomaly", new Entry(HIGH, THREAT)),
            Map.entry("unsafe_method_on_readonly", new Entry(MEDIUM, THREAT)),
            // transport and headers
            Map.entry("weak_tls_version", new Entry(CRITICAL, EXPOSURE)),
            Map.entry("plain_text_transport", new Entry(HIGH, EXPOSURE)),
            Map.entry("missing_hsts", new Entry(HIGH, EXPOSURE)),
            Map.entry("legacy_protocol", new Entry(INFO, EXPOSURE)),
            Map.entry("permissive_cors", new Entry(MEDIUM, EXPOSURE)),
            Map.entry("missing_x_content_type_options", new Entry(LOW, EXPOSURE)),
            Map.entry("missing_x_frame_options", new Entry(LOW, EXPOSURE)),
            Map.entry("missing_csp", new Entry(LOW, EXPOSURE)),
            Map.entry("cors_credentials_wildcard", new Entry(HIGH, EXPOSURE)),
            Map.entry("cors_origin_reflection", new Entry(MEDIUM, EXPOSURE)),
            Map.entry("cookie_missing_secure", new Entry(MEDIUM, EXPOSURE)),
            Map.entry("cookie_samesite_none_insecure", new Entry(MEDIUM, EXPOSURE)),
            Map.entry("cookie_missing_httponly", new Entry(LOW, EXPOSURE)),
            Map.entry("unverified_proxy_tls", new Entry(INFO, EXPOSURE)),
            // data leaks
            Map.entry("pii_observed", new Entry(HIGH, THREAT)),
            Map.entry("oversized_response", new Entry(HIGH, THREAT)),
            Map.entry("credential_in_query", new Entry(HIGH, EXPOSURE)),
            Map.entry("jwt_in_path", new Entry(HIGH, EXPOSURE)),
            Map.entry("secret_in_path", new Entry(HIGH, EXPOSURE)),
            // discovery
            Map.entry("sensitive_path_keyword", new Entry(INFO, THREAT)),
            Map.entry("version_disclosure", new Entry(LOW, EXPOSURE)),
            Map.entry("internal_host", new Entry(INFO, EXPOSURE)),
            Map.entry("external_host", new Entry(INFO, EXPOSURE)),
            Map.entry("path_truncated", new Entry(INFO, THREAT)),
            // behaviour
            Map.entry("error_status", new Entry(LOW, EXPOSURE)),
            Map.entry("client_error_status", new Entry(INFO, EXPOSURE)),
            Map.entry("latency_anomaly", new Entry(INFO, THREAT)),
            Map.entry("error_rate_spike", new Entry(MEDIUM, THREAT)),
            Map.entry("geo_change", new Entry(INFO, THREAT)),
            // consistency
            Map.entry("auth_inconsistent", new Entry(HIGH, THREAT)),
            Map.entry("mixed_auth_schemes", new Entry(INFO, THREAT)));

    private FlagCatalog() {
    }

    public static Optional<Entry> entry(String flag) {
        return Optional.ofNullable(ENTRIES.get(flag));
    }

    public static Set<String> flags() {
        return ENTRIES.keySet();
    }
}
