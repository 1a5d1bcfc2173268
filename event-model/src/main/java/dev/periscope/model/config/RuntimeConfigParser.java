package dev.periscope.model.config;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.periscope.model.config.RuntimeConfigSpec.DetectionSpec;
import dev.periscope.model.config.RuntimeConfigSpec.ExcludeSpec;
import dev.periscope.model.config.RuntimeConfigSpec.PathRuleSpec;
import dev.periscope.model.config.RuntimeConfigSpec.PiiDetectorsSpec;
import dev.periscope.model.config.RuntimeConfigSpec.PolicySpec;

/**
 * Reads a runtime-configuration document given as a map (a BSON {@code Document} is one; so is parsed JSON) with
 * the reference's snake_case field names, then validates it in full. Type mismatches are errors like any other;
 * numbers may arrive as any integral {@link Number} (a mongosh {@code 1} is a double). Unknown fields are
 * ignored with a warning; fields the reference defines but Periscope does not model yet are ignored silently.
 */
public final class RuntimeConfigParser {
    private static final Set<String> TOP_LEVEL = Set.of("_id", "version", "updated_at", "updated_by", "policy",
            "detection");
    private static final Set<String> POLICY = Set.of("store_headers", "header_allowlist", "hash_source_ip",
            "hash_user_agent", "store_raw_source_ip", "store_raw_user_agent", "raw_sample_rate", "query_params_cap",
            "credential_param_names", "ingest_deny_patterns", "exclude", "trusted_proxy_cidrs",
            "trusted_tls_proxy_cidrs", "max_path_bytes", "path_normalize_patterns", "path_learn_min_distinct",
            "path_learn_cap", "never_template_segments", "pii_detectors", "consumers_cap",
            "hosting_asns", "trusted_egress_asns",
            // defined by the collector reference, read by later stages once they exist:
            "risk_active_days", "graphql_paths",
            "graphql_ops_cap");
    private static final Set<String> DETECTION = Set.of("detect_pii", "extract_consumer_fingerprint",
            "cookie_inspection", "cors_reflection_min_origins",
            // defined by the collector reference, not read by Periscope yet:
            "service_account_patterns");
    private static final Set<String> PII_DETECTORS = Set.of("email", "phone_international", "ssn", "credit_card",
            "iban");
    private static final Set<String> PATH_RULE = Set.of("regex", "placeholder");
    private static final Set<String> EXCLUDE = Set.of("methods", "hosts", "listeners", "projects", "source_cidrs",
            "user_agents");

    private RuntimeConfigParser() {
    }

    /** Reads and validates; the result holds a config only when the document is valid in full. */
    public static RuntimeConfigResult parse(Map<String, ?> document) {
        Reader reader = new Reader();
        RuntimeConfigSpec spec = reader.document(document);
        return RuntimeConfigValidator.validate(spec, reader.errors, reader.warnings);
    }

    /** Reads without validating (type errors and warnings go to the lists); for tools and tests. */
    public static RuntimeConfigSpec read(Map<String, ?> document, List<String> errors, List<String> warnings) {
        Reader reader = new Reader();
        RuntimeConfigSpec spec = reader.document(document);
        errors.addAll(reader.errors);
        warnings.addAll(reader.warnings);
        return spec;
    }

    private static final class Reader {
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        RuntimeConfigSpec document(Map<String, ?> doc) {
            if (doc == null) {
                errors.add("document: missing");
                return new RuntimeConfigSpec(null, null, null, null, null);
            }
            unknown(doc, TOP_LEVEL, "");
            Map<String, ?> policy = map(doc, "policy", "policy");
            Map<String, ?> detection = map(doc, "detection", "detection");
            return new RuntimeConfigSpec(integer(doc, "version", "version"), instant(doc, "updated_at"),
                    string(doc, "updated_by", "updated_by"), policy == null ? null : policy(policy),
                    detection == null ? null : detection(detection));
        }

        PolicySpec policy(Map<String, ?> p) {
            unknown(p, POLICY, "policy.");
            Map<String, ?> exclude = map(p, "exclude", "policy.exclude");
            return new PolicySpec(bool(p, "store_headers", "policy.store_headers"),
                    strings(p, "header_allowlist", "policy.header_allowlist"),
                    bool(p, "hash_source_ip", "policy.hash_source_ip"),
                    bool(p, "hash_user_agent", "policy.hash_user_agent"),
                    bool(p, "store_raw_source_ip", "policy.store_raw_source_ip"),
                    bool(p, "store_raw_user_agent", "policy.store_raw_user_agent"),
                    integer(p, "raw_sample_rate", "policy.raw_sample_rate"),
                    integer(p, "query_params_cap", "policy.query_params_cap"),
                    strings(p, "credential_param_names", "policy.credential_param_names"),
                    strings(p, "ingest_deny_patterns", "policy.ingest_deny_patterns"),
                    exclude == null ? null : exclude(exclude),
                    strings(p, "trusted_proxy_cidrs", "policy.trusted_proxy_cidrs"),
                    strings(p, "trusted_tls_proxy_cidrs", "policy.trusted_tls_proxy_cidrs"),
                    integer(p, "max_path_bytes", "policy.max_path_bytes"),
                    pathRules(p), integer(p, "path_learn_min_distinct", "policy.path_learn_min_distinct"),
                    integer(p, "path_learn_cap", "policy.path_learn_cap"),
                    strings(p, "never_template_segments", "policy.never_template_segments"), piiDetectors(p),
                    integer(p, "consumers_cap", "policy.consumers_cap"),
                    asns(p, "hosting_asns", "policy.hosting_asns"),
                    asns(p, "trusted_egress_asns", "policy.trusted_egress_asns"));
        }

        /** AS numbers as integers or strings ({@code 13335}, {@code "13335"}, {@code "AS13335"}). */
        private List<Long> asns(Map<String, ?> map, String key, String path) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Collection<?> items)) {
                errors.add(path + ": expected a list of AS numbers, got " + typeName(value));
                return null;
            }
            List<Long> out = new ArrayList<>(items.size());
            int index = 0;
            boolean ok = true;
            for (Object item : items) {
                Long asn = asn(item);
                if (asn == null) {
                    errors.add(path + "[" + index + "]: expected an AS number (1-4294967295, e.g. 13335 or "
                            + "\"AS13335\"), got " + (item instanceof String text ? "'" + abbreviate(text) + "'"
                                    : describe(item)));
                    ok = false;
                } else {
                    out.add(asn);
                }
                index++;
            }
            return ok ? out : null;
        }

        private static Long asn(Object item) {
            long asn;
            if (item instanceof Integer || item instanceof Long) {
                asn = ((Number) item).longValue();
            } else if (item instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                asn = d.longValue();
            } else if (item instanceof String text) {
                String digits = text.strip();
                if (digits.regionMatches(true, 0, "AS", 0, 2)) {
                    digits = digits.substring(2);
                }
                if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                asn = Long.parseLong(digits);
            } else {
                return null;
            }
            return asn >= 1 && asn <= 0xFFFF_FFFFL ? asn : null;
        }

        private List<PathRuleSpec> pathRules(Map<String, ?> p) {
            Object value = p.get("path_normalize_patterns");
            if (value == null) {
                return null;
            }
            if (!(value instanceof Collection<?> items)) {
                errors.add("policy.path_normalize_patterns: expected a list of {regex, placeholder}, got "
                        + typeName(value));
                return null;
            }
            List<PathRuleSpec> out = new ArrayList<>(items.size());
            int index = 0;
            for (Object item : items) {
                String at = "policy.path_normalize_patterns[" + index++ + "]";
                if (!(item instanceof Map<?, ?> raw)) {
                    errors.add(at + ": expected {regex, placeholder}, got " + typeName(item));
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, ?> rule = (Map<String, ?>) raw;
                unknown(rule, PATH_RULE, at + ".");
                out.add(new PathRuleSpec(string(rule, "regex", at + ".regex"),
                        string(rule, "placeholder", at + ".placeholder")));
            }
            return out;
        }

        private PiiDetectorsSpec piiDetectors(Map<String, ?> p) {
            Map<String, ?> d = map(p, "pii_detectors", "policy.pii_detectors");
            if (d == null) {
                return null;
            }
            for (Object key : d.keySet()) {
                if (!PII_DETECTORS.contains(String.valueOf(key))) {
                    warnings.add("policy.pii_detectors." + key + ": not implemented by Periscope, ignored");
                }
            }
            return new PiiDetectorsSpec(bool(d, "email", "policy.pii_detectors.email"),
                    bool(d, "phone_international", "policy.pii_detectors.phone_international"),
                    bool(d, "ssn", "policy.pii_detectors.ssn"),
                    bool(d, "credit_card", "policy.pii_detectors.credit_card"),
                    bool(d, "iban", "policy.pii_detectors.iban"));
        }

        ExcludeSpec exclude(Map<String, ?> e) {
            unknown(e, EXCLUDE, "policy.exclude.");
            return new ExcludeSpec(strings(e, "methods", "policy.exclude.methods"),
                    strings(e, "hosts", "policy.exclude.hosts"),
                    strings(e, "listeners", "policy.exclude.listeners"),
                    strings(e, "projects", "policy.exclude.projects"),
                    strings(e, "source_cidrs", "policy.exclude.source_cidrs"),
                    strings(e, "user_agents", "policy.exclude.user_agents"));
        }

        DetectionSpec detection(Map<String, ?> d) {
            Map<String, Map<String, Object>> detectors = new java.util.LinkedHashMap<>();
            for (Object rawKey : d.keySet()) {
                String key = String.valueOf(rawKey);
                if (DETECTION.contains(key) || DetectorSchema.NOT_MODELLED.contains(key)) {
                    continue;
                }
                List<DetectorSchema.Field> fields = DetectorSchema.BLOCKS.get(key);
                if (fields == null) {
                    warnings.add("detection." + key + ": unknown field, ignored");
                    continue;
                }
                Map<String, ?> block = map(d, key, "detection." + key);
                if (block != null) {
                    detectors.put(key, detectorBlock(key, block, fields));
                }
            }
            return new DetectionSpec(bool(d, "detect_pii", "detection.detect_pii"),
                    bool(d, "extract_consumer_fingerprint", "detection.extract_consumer_fingerprint"),
                    bool(d, "cookie_inspection", "detection.cookie_inspection"),
                    integer(d, "cors_reflection_min_origins", "detection.cors_reflection_min_origins"), detectors);
        }

        private Map<String, Object> detectorBlock(String name, Map<String, ?> block, List<DetectorSchema.Field> fields) {
            String prefix = "detection." + name + ".";
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (Object key : block.keySet()) {
                if (fields.stream().noneMatch(f -> f.name().equals(String.valueOf(key)))) {
                    warnings.add(prefix + key + ": unknown field, ignored");
                }
            }
            for (DetectorSchema.Field field : fields) {
                String path = prefix + field.name();
                Object value = switch (field.kind()) {
                    case BOOL -> bool(block, field.name(), path);
                    case INT -> integer(block, field.name(), path);
                    case NUMBER -> number(block, field.name(), path);
                };
                if (value != null) {
                    out.put(field.name(), value);
                }
            }
            return out;
        }

        private Double number(Map<String, ?> map, String key, String path) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Number number && !(value instanceof BigInteger)
                    && Double.isFinite(number.doubleValue())) {
                return number.doubleValue();
            }
            errors.add(path + ": expected a number, got " + describe(value));
            return null;
        }

        private void unknown(Map<String, ?> map, Set<String> known, String prefix) {
            for (Object key : map.keySet()) {
                if (!known.contains(String.valueOf(key))) {
                    warnings.add(prefix + key + ": unknown field, ignored");
                }
            }
        }

        @SuppressWarnings("unchecked")
        private Map<String, ?> map(Map<String, ?> parent, String key, String path) {
            Object value = parent.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Map<?, ?> map) {
                return (Map<String, ?>) map;
            }
            errors.add(path + ": expected an object, got " + typeName(value));
            return null;
        }

        private Boolean bool(Map<String, ?> map, String key, String path) {
            Object value = map.get(key);
            if (value == null || value instanceof Boolean) {
                return (Boolean) value;
            }
            errors.add(path + ": expected true or false, got " + typeName(value));
            return null;
        }

        private String string(Map<String, ?> map, String key, String path) {
            Object value = map.get(key);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            errors.add(path + ": expected a string, got " + typeName(value));
            return null;
        }

        private Long integer(Map<String, ?> map, String key, String path) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big && big.bitLength() < 64) {
                return big.longValue();
            }
            if (value instanceof Number number && !(value instanceof BigInteger)) {
                double d = number.doubleValue();
                if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                    return (long) d;
                }
            }
            errors.add(path + ": expected an integer, got " + describe(value));
            return null;
        }

        private Instant instant(Map<String, ?> map, String key) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Date date) {
                return date.toInstant();
            }
            if (value instanceof Instant instant) {
                return instant;
            }
            if (value instanceof Long || value instanceof Integer) {
                return Instant.ofEpochMilli(((Number) value).longValue());
            }
            if (value instanceof String text) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    errors.add(key + ": expected an ISO-8601 timestamp, got '" + abbreviate(text) + "'");
                    return null;
                }
            }
            errors.add(key + ": expected a date, got " + typeName(value));
            return null;
        }

        private List<String> strings(Map<String, ?> map, String key, String path) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Collection<?> items)) {
                errors.add(path + ": expected a list of strings, got " + typeName(value));
                return null;
            }
            List<String> out = new ArrayList<>(items.size());
            int index = 0;
            boolean ok = true;
            for (Object item : items) {
                if (item instanceof String text) {
                    out.add(text);
                } else {
                    errors.add(path + "[" + index + "]: expected a string, got " + typeName(item));
                    ok = false;
                }
                index++;
            }
            return ok ? out : null;
        }
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return value.getClass().getSimpleName();
    }

    private static String describe(Object value) {
        return value instanceof Number ? "the number " + value : typeName(value);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
