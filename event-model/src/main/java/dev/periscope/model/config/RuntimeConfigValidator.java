package dev.periscope.model.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.periscope.model.config.RuntimeConfigSpec.DetectionSpec;
import dev.periscope.model.config.RuntimeConfigSpec.ExcludeSpec;
import dev.periscope.model.config.RuntimeConfigSpec.PolicySpec;

/**
 * Validates a {@link RuntimeConfigSpec} in full — every field, every list entry — and builds the
 * {@link RuntimeConfig} only when nothing is wrong, compiling regexes and parsing CIDRs once on the way.
 * An invalid document yields every error found (up to {@value #MAX_REPORTED_ERRORS}), never a partial config.
 */
public final class RuntimeConfigValidator {
    /** A list longer than this in {@code exclude.*} is rejected. */
    public static final int MAX_EXCLUDE_ENTRIES = 256;
    public static final int MAX_PATTERN_LENGTH = 1024;
    public static final int MAX_NAME_LENGTH = 256;
    static final int MAX_REPORTED_ERRORS = 50;

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9a-z-]+");
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]{0,31}");

    static final Policy DEFAULT_POLICY = defaultPolicy();

    private RuntimeConfigValidator() {
    }

    public static RuntimeConfigResult validate(RuntimeConfigSpec spec) {
        return validate(spec, List.of(), List.of());
    }

    static RuntimeConfigResult validate(RuntimeConfigSpec spec, List<String> priorErrors,
            List<String> priorWarnings) {
        List<String> errors = new ArrayList<>(priorErrors);
        List<String> warnings = new ArrayList<>(priorWarnings);
        if (spec.version() == null) {
            if (errors.stream().noneMatch(e -> e.startsWith("version:"))) {
                errors.add("version: required");
            }
        } else if (spec.version() < 1) {
            errors.add("version: must be at least 1, got " + spec.version());
        }
        String updatedBy = spec.updatedBy() == null ? "" : spec.updatedBy();
        if (updatedBy.length() > MAX_NAME_LENGTH) {
            errors.add("updated_by: longer than " + MAX_NAME_LENGTH + " characters");
        }
        Policy policy = policy(spec.policy(), errors, warnings);
        Detection detection = detection(spec.detection(), errors);
        if (!errors.isEmpty()) {
            return RuntimeConfigResult.invalid(capped(errors), warnings);
        }
        return RuntimeConfigResult.valid(
                new RuntimeConfig(spec.version(), spec.updatedAt(), updatedBy, policy, detection), warnings);
    }

    private static Policy policy(PolicySpec p, List<String> errors, List<String> warnings) {
        List<String> allowlist = names(p.headerAllowlist(), Policy.DEFAULT_HEADER_ALLOWLIST,
                "policy.header_allowlist", Policy.MAX_HEADER_ALLOWLIST, errors, name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    return HEADER_NAME.matcher(lower).matches() ? lower : null;
                }, "not a header name");
        for (String header : allowlist) {
            if (Policy.NEVER_FORWARDED_HEADERS.contains(header)) {
                warnings.add("policy.header_allowlist: '" + header + "' is never forwarded (sensitive header)");
            }
        }
        List<String> credentialNames = names(p.credentialParamNames(), Policy.DEFAULT_CREDENTIAL_PARAM_NAMES,
                "policy.credential_param_names", Policy.MAX_CREDENTIAL_PARAM_NAMES, errors,
                name -> name.chars().anyMatch(Character::isWhitespace) ? null : name.toLowerCase(Locale.ROOT),
                "contains whitespace");
        List<Pattern> deny = patterns(p.ingestDenyPatterns(), Policy.DEFAULT_INGEST_DENY_PATTERNS,
                "policy.ingest_deny_patterns", Policy.MAX_INGEST_DENY_PATTERNS, 0, errors);
        Exclude exclude = exclude(p.exclude(), errors);
        List<CidrBlock> trustedProxies = cidrs(p.trustedProxyCidrs(), "policy.trusted_proxy_cidrs",
                Policy.MAX_TRUSTED_PROXY_CIDRS, true, errors);
        List<CidrBlock> trustedTlsProxies = cidrs(p.trustedTlsProxyCidrs(), "policy.trusted_tls_proxy_cidrs",
                Policy.MAX_TRUSTED_TLS_PROXY_CIDRS, false, errors);
        int rawSampleRate = range(p.rawSampleRate(), Policy.DEFAULT_RAW_SAMPLE_RATE, 0, Policy.MAX_RAW_SAMPLE_RATE,
                "policy.raw_sample_rate", errors);
        int queryParamsCap = range(p.queryParamsCap(), Policy.DEFAULT_QUERY_PARAMS_CAP, Policy.MIN_QUERY_PARAMS_CAP,
                Policy.MAX_QUERY_PARAMS_CAP, "policy.query_params_cap", errors);
        int maxPathBytes = range(p.maxPathBytes(), Policy.DEFAULT_MAX_PATH_BYTES, Policy.MIN_MAX_PATH_BYTES,
                Policy.MAX_MAX_PATH_BYTES, "policy.max_path_bytes", errors);
        PathNormalization paths = pathNormalization(p, errors);
        PiiDetectors defaults = PiiDetectors.defaults();
        PiiDetectors pii = new PiiDetectors(or(p.piiDetectors().email(), defaults.email()),
                or(p.piiDetectors().phoneInternational(), defaults.phoneInternational()),
                or(p.piiDetectors().ssn(), defaults.ssn()), or(p.piiDetectors().creditCard(), defaults.creditCard()),
                or(p.piiDetectors().iban(), defaults.iban()));
        return new Policy(or(p.storeHeaders(), Policy.DEFAULT_STORE_HEADERS), allowlist,
                or(p.hashSourceIp(), Policy.DEFAULT_HASH_SOURCE_IP), or(p.hashUserAgent(), Policy.DEFAULT_HASH_USER_AGENT),
                or(p.storeRawSourceIp(), Policy.DEFAULT_STORE_RAW_SOURCE_IP),
                or(p.storeRawUserAgent(), Policy.DEFAULT_STORE_RAW_USER_AGENT), rawSampleRate, queryParamsCap,
                credentialNames, deny, exclude, trustedProxies, trustedTlsProxies, maxPathBytes, paths, pii,
                range(p.consumersCap(), Policy.DEFAULT_CONSUMERS_CAP, Policy.MIN_CONSUMERS_CAP,
                        Policy.MAX_CONSUMERS_CAP, "policy.consumers_cap", errors),
                asns(p.hostingAsns(), "policy.hosting_asns", errors),
                asns(p.trustedEgressAsns(), "policy.trusted_egress_asns", errors));
    }

    private static Set<Long> asns(List<Long> values, String path, List<String> errors) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > Policy.MAX_ASNS) {
            errors.add(path + ": at most " + Policy.MAX_ASNS + " entries, got " + values.size());
        }
        return Set.copyOf(values);
    }

    private static PathNormalization pathNormalization(PolicySpec p, List<String> errors) {
        List<PathNormalization.Rule> rules = new ArrayList<>();
        if (p.pathNormalizePatterns() != null) {
            if (p.pathNormalizePatterns().size() > PathNormalization.MAX_RULES) {
                errors.add("policy.path_normalize_patterns: at most " + PathNormalization.MAX_RULES
                        + " entries, got " + p.pathNormalizePatterns().size());
            }
            for (int i = 0; i < p.pathNormalizePatterns().size(); i++) {
                RuntimeConfigSpec.PathRuleSpec rule = p.pathNormalizePatterns().get(i);
                String at = "policy.path_normalize_patterns[" + i + "]";
                String placeholder = rule.placeholder() == null ? null
                        : rule.placeholder().strip().replaceAll("^\\{|}$", "").toLowerCase(Locale.ROOT);
                if (placeholder == null || !PathNormalization.OPERATOR_PLACEHOLDERS.contains(placeholder)) {
                    errors.add(at + ".placeholder: must be one of " + new java.util.TreeSet<>(
                            PathNormalization.OPERATOR_PLACEHOLDERS) + ", got " + (rule.placeholder() == null
                                    ? "nothing" : "'" + RuntimeConfigParser.abbreviate(rule.placeholder()) + "'"));
                    continue;
                }
                try {
                    rules.add(new PathNormalization.Rule(PathRuleCheck.compile(rule.regex()), placeholder));
                } catch (IllegalArgumentException e) {
                    errors.add(at + ".regex: '" + RuntimeConfigParser.abbreviate(String.valueOf(rule.regex()))
                            + "' rejected: " + e.getMessage());
                }
            }
        }
        int minDistinct = range(p.pathLearnMinDistinct(), PathNormalization.DEFAULT_LEARN_MIN_DISTINCT,
                PathNormalization.MIN_LEARN_MIN_DISTINCT, PathNormalization.MAX_LEARN_MIN_DISTINCT,
                "policy.path_learn_min_distinct", errors);
        int cap = range(p.pathLearnCap(), PathNormalization.DEFAULT_LEARN_CAP, PathNormalization.MIN_LEARN_CAP,
                PathNormalization.MAX_LEARN_CAP, "policy.path_learn_cap", errors);
        List<String> never = names(p.neverTemplateSegments(), List.of(), "policy.never_template_segments",
                PathNormalization.MAX_NEVER_TEMPLATE_SEGMENTS, errors,
                name -> name.indexOf('/') >= 0 ? null : name.toLowerCase(Locale.ROOT), "contains '/'");
        return new PathNormalization(rules, minDistinct, cap, Set.copyOf(never));
    }

    private static Exclude exclude(ExcludeSpec e, List<String> errors) {
        List<String> methods = names(e.methods(), List.of(), "policy.exclude.methods", MAX_EXCLUDE_ENTRIES, errors,
                name -> {
                    String upper = name.toUpperCase(Locale.ROOT);
                    return METHOD.matcher(upper).matches() ? upper : null;
                }, "not an HTTP method");
        List<Pattern> hosts = patterns(e.hosts(), List.of(), "policy.exclude.hosts", MAX_EXCLUDE_ENTRIES,
                Pattern.CASE_INSENSITIVE, errors);
        List<String> listeners = names(e.listeners(), List.of(), "policy.exclude.listeners", MAX_EXCLUDE_ENTRIES,
                errors, Function.identity(), "");
        List<String> projects = names(e.projects(), List.of(), "policy.exclude.projects", MAX_EXCLUDE_ENTRIES,
                errors, Function.identity(), "");
        List<CidrBlock> sources = cidrs(e.sourceCidrs(), "policy.exclude.source_cidrs", MAX_EXCLUDE_ENTRIES, true,
                errors);
        List<Pattern> userAgents = patterns(e.userAgents(), List.of(), "policy.exclude.user_agents",
                MAX_EXCLUDE_ENTRIES, 0, errors);
        return new Exclude(Set.copyOf(methods), hosts, Set.copyOf(listeners), Set.copyOf(projects), sources,
                userAgents);
    }

    private static Detection detection(DetectionSpec d, List<String> errors) {
        int corsMinOrigins = range(d.corsReflectionMinOrigins(), Detection.DEFAULT_CORS_REFLECTION_MIN_ORIGINS,
                Detection.MIN_CORS_REFLECTION_MIN_ORIGINS, Detection.MAX_CORS_REFLECTION_MIN_ORIGINS,
                "detection.cors_reflection_min_origins", errors);
        return new Detection(or(d.detectPii(), Detection.DEFAULT_DETECT_PII),
                or(d.extractConsumerFingerprint(), Detection.DEFAULT_EXTRACT_CONSUMER_FINGERPRINT),
                or(d.cookieInspection(), Detection.DEFAULT_COOKIE_INSPECTION), corsMinOrigins,
                DetectorSettingsValidator.validate(d.detectors(), errors));
    }

    /**
     * Non-blank names without surrounding whitespace, normalized by {@code normalize} (null = invalid), de-duplicated
     * in order.
     */
    private static List<String> names(List<String> values, List<String> defaults, String path, int max,
            List<String> errors, Function<String, String> normalize, String invalidReason) {
        if (values == null) {
            return defaults;
        }
        size(values, path, max, errors);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String at = path + "[" + i + "]";
            if (value.isBlank()) {
                errors.add(at + ": must not be blank");
            } else if (!value.equals(value.strip())) {
                errors.add(at + ": '" + value + "' has leading or trailing whitespace");
            } else if (value.length() > MAX_NAME_LENGTH) {
                errors.add(at + ": longer than " + MAX_NAME_LENGTH + " characters");
            } else {
                String normalized = normalize.apply(value);
                if (normalized == null) {
                    errors.add(at + ": '" + RuntimeConfigParser.abbreviate(value) + "' " + invalidReason);
                } else {
                    out.add(normalized);
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Pattern> patterns(List<String> values, List<String> defaults, String path, int max,
            int flags, List<String> errors) {
        List<String> sources = values == null ? defaults : values;
        if (values != null) {
            size(values, path, max, errors);
        }
        List<Pattern> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            String at = path + "[" + i + "]";
            if (source.isEmpty()) {
                errors.add(at + ": an empty pattern would match everything");
            } else if (source.length() > MAX_PATTERN_LENGTH) {
                errors.add(at + ": longer than " + MAX_PATTERN_LENGTH + " characters");
            } else {
                try {
                    out.add(Pattern.compile(source, flags));
                } catch (PatternSyntaxException e) {
                    errors.add(at + ": invalid regex '" + RuntimeConfigParser.abbreviate(source) + "': "
                            + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                }
            }
        }
        return out;
    }

    private static List<CidrBlock> cidrs(List<String> values, String path, int max, boolean allowZeroPrefix,
            List<String> errors) {
        if (values == null) {
            return List.of();
        }
        size(values, path, max, errors);
        List<CidrBlock> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String at = path + "[" + i + "]";
            try {
                CidrBlock block = CidrBlock.parse(values.get(i).strip());
                if (!allowZeroPrefix && block.prefixLength() == 0) {
                    errors.add(at + ": /0 is not allowed here ('" + values.get(i) + "' would trust every address)");
                } else {
                    out.add(block);
                }
            } catch (IllegalArgumentException e) {
                errors.add(at + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static int range(Long value, int defaultValue, int min, int max, String path, List<String> errors) {
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            errors.add(path + ": must be between " + min + " and " + max + ", got " + value);
            return defaultValue;
        }
        return value.intValue();
    }

    private static void size(List<String> values, String path, int max, List<String> errors) {
        if (values.size() > max) {
            errors.add(path + ": at most " + max + " entries, got " + values.size());
        }
    }

    private static boolean or(Boolean value, boolean defaultValue) {
        return value == null ? defaultValue : value;
    }

    private static List<String> capped(List<String> errors) {
        if (errors.size() <= MAX_REPORTED_ERRORS) {
            return errors;
        }
        List<String> out = new ArrayList<>(errors.subList(0, MAX_REPORTED_ERRORS));
        out.add("… and " + (errors.size() - MAX_REPORTED_ERRORS) + " more errors");
        return out;
    }

    private static Policy defaultPolicy() {
        List<String> errors = new ArrayList<>();
        Policy policy = policy(PolicySpec.EMPTY, errors, new ArrayList<>());
        if (!errors.isEmpty()) {
            throw new IllegalStateException("built-in runtime-config defaults are invalid: " + errors);
        }
        return policy;
    }
}
