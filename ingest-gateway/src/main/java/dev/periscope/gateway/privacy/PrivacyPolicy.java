package dev.periscope.gateway.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.periscope.model.config.Policy;

/**
 * What the gateway lets out of the edge: the privacy part of the runtime-config {@code policy} sub-tree, as a plain
 * value. The mapper reads it per entry (through a {@code Supplier}), so a new policy applies to the next entry.
 * <p>
 * The constructor never throws: names are stripped, lower-cased and de-duplicated (blank ones dropped, at most
 * {@value #MAX_NAMES} kept), and numbers are clamped into their ranges. Validation with error messages is the
 * runtime-config loader's job; this record only guarantees that whatever reaches the mapper is safe to apply.
 *
 * @param storeHeaders         {@code store_headers}: forward allow-listed headers at all (default false)
 * @param headerAllowlist      {@code header_allowlist}: lower-cased header names forwarded when {@code storeHeaders}
 *                             is on; {@link SensitiveHeaders#NEVER_FORWARDED} are skipped even when listed
 * @param queryParamsCap       {@code query_params_cap}: distinct query-parameter names kept per event (0–200,
 *                             default 50)
 * @param credentialParamNames {@code credential_param_names}: lower-cased query-parameter names that set
 *                             {@code credential_in_query} (empty disables the flag)
 * @param maxPathBytes         {@code max_path_bytes}: longer paths (UTF-8 bytes) are truncated at a character
 *                             boundary and flagged {@code path_truncated} (256 B – 1 MiB, default 8192)
 */
public record PrivacyPolicy(boolean storeHeaders, List<String> headerAllowlist, int queryParamsCap,
        List<String> credentialParamNames, int maxPathBytes) {

    public static final boolean DEFAULT_STORE_HEADERS = Policy.DEFAULT_STORE_HEADERS;
    public static final List<String> DEFAULT_HEADER_ALLOWLIST = Policy.DEFAULT_HEADER_ALLOWLIST;
    public static final int DEFAULT_QUERY_PARAMS_CAP = Policy.DEFAULT_QUERY_PARAMS_CAP;
    public static final int MAX_QUERY_PARAMS_CAP = Policy.MAX_QUERY_PARAMS_CAP;
    public static final int DEFAULT_MAX_PATH_BYTES = Policy.DEFAULT_MAX_PATH_BYTES;
    public static final int MIN_MAX_PATH_BYTES = Policy.MIN_MAX_PATH_BYTES;
    public static final int MAX_MAX_PATH_BYTES = Policy.MAX_MAX_PATH_BYTES;
    /** Most names kept in either list. */
    public static final int MAX_NAMES = Policy.MAX_HEADER_ALLOWLIST;
    public static final List<String> DEFAULT_CREDENTIAL_PARAM_NAMES = Policy.DEFAULT_CREDENTIAL_PARAM_NAMES;

    private static final PrivacyPolicy DEFAULTS = new PrivacyPolicy(DEFAULT_STORE_HEADERS, DEFAULT_HEADER_ALLOWLIST,
            DEFAULT_QUERY_PARAMS_CAP, DEFAULT_CREDENTIAL_PARAM_NAMES, DEFAULT_MAX_PATH_BYTES);

    public PrivacyPolicy {
        headerAllowlist = names(headerAllowlist);
        credentialParamNames = names(credentialParamNames);
        queryParamsCap = Math.max(0, Math.min(MAX_QUERY_PARAMS_CAP, queryParamsCap));
        maxPathBytes = Math.max(MIN_MAX_PATH_BYTES, Math.min(MAX_MAX_PATH_BYTES, maxPathBytes));
    }

    /** The edge-privacy part of a validated runtime-config policy. */
    public static PrivacyPolicy from(Policy policy) {
        return new PrivacyPolicy(policy.storeHeaders(), policy.headerAllowlist(), policy.queryParamsCap(),
                policy.credentialParamNames(), policy.maxPathBytes());
    }

    /** Every field at its default: no headers forwarded, 50 parameter names, the built-in credential names, 8 KiB. */
    public static PrivacyPolicy defaults() {
        return DEFAULTS;
    }

    public PrivacyPolicy withStoreHeaders(boolean store) {
        return new PrivacyPolicy(store, headerAllowlist, queryParamsCap, credentialParamNames, maxPathBytes);
    }

    public PrivacyPolicy withHeaderAllowlist(List<String> names) {
        return new PrivacyPolicy(storeHeaders, names, queryParamsCap, credentialParamNames, maxPathBytes);
    }

    public PrivacyPolicy withQueryParamsCap(int cap) {
        return new PrivacyPolicy(storeHeaders, headerAllowlist, cap, credentialParamNames, maxPathBytes);
    }

    public PrivacyPolicy withCredentialParamNames(List<String> names) {
        return new PrivacyPolicy(storeHeaders, headerAllowlist, queryParamsCap, names, maxPathBytes);
    }

    public PrivacyPolicy withMaxPathBytes(int bytes) {
        return new PrivacyPolicy(storeHeaders, headerAllowlist, queryParamsCap, credentialParamNames, bytes);
    }

    /**
     * Whether a (decoded) query-parameter name sets {@code credential_in_query}: case-insensitively equal to a listed
     * name, the same with a trailing {@code […]} ({@code token[]}, {@code password[0]}), or
     * {@code <prefix>_<listed>} ({@code github_token}).
     */
    public boolean isCredentialParamName(String parameterName) {
        return Policy.isCredentialParamName(credentialParamNames, parameterName);
    }

    /** Whether the header (lower-case name) may be forwarded: headers stored, allow-listed and not sensitive. */
    public boolean forwards(String lowerCaseHeaderName) {
        return storeHeaders && !SensitiveHeaders.NEVER_FORWARDED.contains(lowerCaseHeaderName)
                && headerAllowlist.contains(lowerCaseHeaderName);
    }

    private static List<String> names(List<String> names) {
        if (names == null) {
            return List.of();
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String name : names) {
            if (normalized.size() >= MAX_NAMES) {
                break;
            }
            if (name != null && !name.isBlank()) {
                normalized.add(name.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(new ArrayList<>(normalized));
    }
}
