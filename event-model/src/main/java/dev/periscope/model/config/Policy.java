package dev.periscope.model.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code policy} sub-tree of the runtime configuration: what the edge keeps, hashes and drops.
 * Every field has a default, so a document may set only what it changes (a missing or null field takes its
 * default).
 * <p>
 * <b>Privacy default that differs from the collector reference:</b> {@code store_raw_source_ip} and
 * {@code store_raw_user_agent} default to <i>false</i> here (the reference treats a missing value as on): raw
 * client addresses and user-agents leave the raw topic only when an operator turns them on explicitly.
 *
 * @param storeHeaders          {@code store_headers}: forward allow-listed headers (default false)
 * @param headerAllowlist       {@code header_allowlist}: lower-cased header names forwarded when
 *                              {@code store_headers} is on (≤64; default content-type, user-agent, x-request-id);
 *                              {@link #NEVER_FORWARDED_HEADERS} are never forwarded even when listed
 * @param hashSourceIp          {@code hash_source_ip}: keep SHA-256(salt+IP) (default true)
 * @param hashUserAgent         {@code hash_user_agent}: keep SHA-256(salt+UA) (default true)
 * @param storeRawSourceIp      {@code store_raw_source_ip}: keep the raw address past the enricher (default false)
 * @param storeRawUserAgent     {@code store_raw_user_agent}: keep the raw user-agent past the enricher
 *                              (default false)
 * @param rawSampleRate         {@code raw_sample_rate}: 0 or 1 keep every raw event; N ≥ 2 keeps 1-in-N benign
 *                              events (default 1, range 0–10000)
 * @param queryParamsCap        {@code query_params_cap}: query-parameter names kept per event (default 50, 1–200)
 * @param credentialParamNames  {@code credential_param_names}: lower-cased query-parameter names that flag
 *                              {@code credential_in_query} (≤64; {@code []} disables)
 * @param ingestDenyPatterns    {@code ingest_deny_patterns}: path regexes (find semantics) whose GET/HEAD
 *                              requests are dropped at the gateway (≤256; default health, metrics and static
 *                              assets, see {@link #DEFAULT_INGEST_DENY_PATTERNS})
 * @param exclude               {@code exclude}: traffic dropped at the gateway
 * @param trustedProxyCidrs     {@code trusted_proxy_cidrs}: NAT/LB egress ranges the IP-keyed detectors skip
 *                              (≤1024)
 * @param trustedTlsProxyCidrs  {@code trusted_tls_proxy_cidrs}: TLS-terminating proxies (≤64, no /0)
 * @param maxPathBytes          {@code max_path_bytes}: longer paths are truncated and flagged (default 8192,
 *                              range 256–1048576)
 * @param pathNormalization     {@code path_normalize_patterns}, {@code path_learn_min_distinct},
 *                              {@code path_learn_cap}, {@code never_template_segments}
 * @param piiDetectors          {@code pii_detectors}: per-category PII reporting switches
 * @param consumersCap          {@code consumers_cap}: consumer hashes an inventory document keeps (default 10,
 *                              range 1–100)
 * @param hostingAsns           {@code hosting_asns}: AS numbers added to the enricher's built-in hosting/VPN list
 *                              (impossible-travel escalation; ≤1024)
 * @param trustedEgressAsns     {@code trusted_egress_asns}: AS numbers removed from that list (≤1024)
 */
public record Policy(boolean storeHeaders, List<String> headerAllowlist, boolean hashSourceIp, boolean hashUserAgent,
        boolean storeRawSourceIp, boolean storeRawUserAgent, int rawSampleRate, int queryParamsCap,
        List<String> credentialParamNames, List<Pattern> ingestDenyPatterns, Exclude exclude,
        List<CidrBlock> trustedProxyCidrs, List<CidrBlock> trustedTlsProxyCidrs, int maxPathBytes,
        PathNormalization pathNormalization, PiiDetectors piiDetectors, int consumersCap, Set<Long> hostingAsns,
        Set<Long> trustedEgressAsns) {

    public static final boolean DEFAULT_STORE_HEADERS = false;
    public static final List<String> DEFAULT_HEADER_ALLOWLIST = List.of("content-type", "user-agent", "x-request-id");
    public static final boolean DEFAULT_HASH_SOURCE_IP = true;
    public static final boolean DEFAULT_HASH_USER_AGENT = true;
    /** Periscope's privacy default (the reference's is "on"). */
    public static final boolean DEFAULT_STORE_RAW_SOURCE_IP = false;
    /** Periscope's privacy default (the reference's is "on"). */
    public static final boolean DEFAULT_STORE_RAW_USER_AGENT = false;
    public static final int DEFAULT_RAW_SAMPLE_RATE = 1;
    public static final int MAX_RAW_SAMPLE_RATE = 10_000;
    public static final int DEFAULT_QUERY_PARAMS_CAP = 50;
    public static final int DEFAULT_CONSUMERS_CAP = 10;
    public static final int MIN_CONSUMERS_CAP = 1;
    public static final int MAX_CONSUMERS_CAP = 100;
    public static final int MIN_QUERY_PARAMS_CAP = 1;
    public static final int MAX_QUERY_PARAMS_CAP = 200;
    public static final int MAX_HEADER_ALLOWLIST = 64;
    public static final int MAX_CREDENTIAL_PARAM_NAMES = 64;
    public static final int MAX_INGEST_DENY_PATTERNS = 256;
    public static final int MAX_TRUSTED_PROXY_CIDRS = 1024;
    public static final int MAX_TRUSTED_TLS_PROXY_CIDRS = 64;
    public static final int MAX_ASNS = 1024;
    public static final int DEFAULT_MAX_PATH_BYTES = 8192;
    public static final int MIN_MAX_PATH_BYTES = 256;
    public static final int MAX_MAX_PATH_BYTES = 1 << 20;

    /**
     * The collector reference's built-in list plus signed-URL signatures. Not the bare {@code key}: with the
     * {@code <prefix>_<name>} rule it would flag {@code sort_key}, {@code cache_key}, {@code idempotency_key}.
     */
    public static final List<String> DEFAULT_CREDENTIAL_PARAM_NAMES = List.of("access_token", "api_key", "apikey",
            "token", "id_token", "refresh_token", "auth_token", "password", "passwd", "pwd", "secret",
            "client_secret", "private_key", "jwt", "bearer", "sessionid", "session_id", "jsessionid", "phpsessid",
            "sig", "signature", "x-amz-signature", "x-goog-signature");

    /** Health and readiness probes, metrics scrapes and static assets: noise, not API traffic. */
    public static final List<String> DEFAULT_INGEST_DENY_PATTERNS = List.of(
            "^/(healthz|readyz|livez|health|ready|live|ping)/?$",
            "^/metrics/?$",
            "^/favicon\\.ico$",
            "(?i)\\.(css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|otf|eot)$");

    /** The 14 headers the reference strips always; an allow-list cannot bring them back. */
    public static final Set<String> NEVER_FORWARDED_HEADERS = Set.of("authorization", "proxy-authorization",
            "x-forwarded-authorization", "x-original-authorization", "x-forwarded-user", "cookie", "set-cookie",
            "set-cookie2", "x-api-key", "x-auth-token", "x-csrf-token", "x-xsrf-token", "traceparent", "tracestate");

    public Policy {
        headerAllowlist = List.copyOf(headerAllowlist);
        credentialParamNames = List.copyOf(credentialParamNames);
        ingestDenyPatterns = List.copyOf(ingestDenyPatterns);
        trustedProxyCidrs = List.copyOf(trustedProxyCidrs);
        trustedTlsProxyCidrs = List.copyOf(trustedTlsProxyCidrs);
        hostingAsns = hostingAsns == null ? Set.of() : Set.copyOf(hostingAsns);
        trustedEgressAsns = trustedEgressAsns == null ? Set.of() : Set.copyOf(trustedEgressAsns);
    }

    /** Every field at its default; validated like any document (so the seeded patterns are known to compile). */
    public static Policy defaults() {
        return RuntimeConfigValidator.DEFAULT_POLICY;
    }

    /**
     * Whether a query-parameter name flags {@code credential_in_query}: case-insensitively equal to a listed name,
     * the same with a trailing {@code […]} ({@code token[]}), or {@code <prefix>_<name>} ({@code github_token}).
     */
    public boolean isCredentialParamName(String parameterName) {
        return isCredentialParamName(credentialParamNames, parameterName);
    }

    /** The same rule over any lower-cased list of names (the gateway's privacy policy uses it too). */
    public static boolean isCredentialParamName(List<String> credentialParamNames, String parameterName) {
        if (credentialParamNames.isEmpty() || parameterName == null || parameterName.isEmpty()) {
            return false;
        }
        String name = parameterName.strip().toLowerCase(Locale.ROOT);
        int bracket = name.indexOf('[');
        if (bracket > 0 && name.endsWith("]")) {
            name = name.substring(0, bracket);
        }
        for (String listed : credentialParamNames) {
            if (name.equals(listed) || (name.length() > listed.length() + 1 && name.endsWith(listed)
                    && name.charAt(name.length() - listed.length() - 1) == '_')) {
                return true;
            }
        }
        return false;
    }

    /** The allow-listed header names that may actually be forwarded (the never-forwarded ones removed). */
    public Set<String> forwardableHeaders() {
        Set<String> names = new HashSet<>(headerAllowlist);
        names.removeAll(NEVER_FORWARDED_HEADERS);
        return Set.copyOf(names);
    }
}
