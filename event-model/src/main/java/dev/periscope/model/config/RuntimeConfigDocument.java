package dev.periscope.model.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@link RuntimeConfig} back in the stored document's shape (snake_case keys, patterns and CIDRs as text), so
 * {@code RuntimeConfigParser.parse(RuntimeConfigDocument.of(config))} gives the same config. Used by
 * {@code /configz} to show the active policy and by tools that write documents.
 */
public final class RuntimeConfigDocument {
    private RuntimeConfigDocument() {
    }

    /** The whole document; {@code updated_at} as an ISO-8601 string when present. */
    public static Map<String, Object> of(RuntimeConfig config) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", config.version());
        config.updatedAt().ifPresent(at -> doc.put("updated_at", at.toString()));
        doc.put("updated_by", config.updatedBy());
        doc.put("policy", policy(config.policy()));
        doc.put("detection", detection(config.detection()));
        return doc;
    }

    public static Map<String, Object> policy(Policy policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("store_headers", policy.storeHeaders());
        out.put("header_allowlist", policy.headerAllowlist());
        out.put("hash_source_ip", policy.hashSourceIp());
        out.put("hash_user_agent", policy.hashUserAgent());
        out.put("store_raw_source_ip", policy.storeRawSourceIp());
        out.put("store_raw_user_agent", policy.storeRawUserAgent());
        out.put("raw_sample_rate", policy.rawSampleRate());
        out.put("query_params_cap", policy.queryParamsCap());
        out.put("credential_param_names", policy.credentialParamNames());
        out.put("ingest_deny_patterns", patterns(policy.ingestDenyPatterns()));
        Exclude exclude = policy.exclude();
        Map<String, Object> excludeOut = new LinkedHashMap<>();
        excludeOut.put("methods", sorted(exclude.methods()));
        excludeOut.put("hosts", patterns(exclude.hosts()));
        excludeOut.put("listeners", sorted(exclude.listeners()));
        excludeOut.put("projects", sorted(exclude.projects()));
        excludeOut.put("source_cidrs", text(exclude.sourceCidrs()));
        excludeOut.put("user_agents", patterns(exclude.userAgents()));
        out.put("exclude", excludeOut);
        out.put("trusted_proxy_cidrs", text(policy.trustedProxyCidrs()));
        out.put("trusted_tls_proxy_cidrs", text(policy.trustedTlsProxyCidrs()));
        out.put("max_path_bytes", policy.maxPathBytes());
        PathNormalization paths = policy.pathNormalization();
        out.put("path_normalize_patterns", paths.rules().stream()
                .map(rule -> Map.of("regex", rule.pattern().pattern(), "placeholder", rule.placeholder())).toList());
        out.put("path_learn_min_distinct", paths.learnMinDistinct());
        out.put("path_learn_cap", paths.learnCap());
        out.put("never_template_segments", sorted(paths.neverTemplateSegments()));
        PiiDetectors pii = policy.piiDetectors();
        Map<String, Object> piiOut = new LinkedHashMap<>();
        piiOut.put("email", pii.email());
        piiOut.put("phone_international", pii.phoneInternational());
        piiOut.put("ssn", pii.ssn());
        piiOut.put("credit_card", pii.creditCard());
        piiOut.put("iban", pii.iban());
        out.put("pii_detectors", piiOut);
        out.put("consumers_cap", policy.consumersCap());
        out.put("hosting_asns", new ArrayList<>(new TreeSet<>(policy.hostingAsns())));
        out.put("trusted_egress_asns", new ArrayList<>(new TreeSet<>(policy.trustedEgressAsns())));
        return out;
    }

    public static Map<String, Object> detection(Detection detection) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("detect_pii", detection.detectPii());
        out.put("extract_consumer_fingerprint", detection.extractConsumerFingerprint());
        out.put("cookie_inspection", detection.cookieInspection());
        out.put("cors_reflection_min_origins", detection.corsReflectionMinOrigins());
        detection.detectors().values().forEach((block, values) -> {
            Map<String, Object> blockOut = new LinkedHashMap<>();
            for (DetectorSchema.Field field : DetectorSchema.BLOCKS.get(block)) {
                blockOut.put(field.name(), values.values().get(field.name()));
            }
            out.put(block, blockOut);
        });
        return out;
    }

    private static List<String> patterns(List<Pattern> patterns) {
        return patterns.stream().map(Pattern::pattern).toList();
    }

    private static List<String> sorted(Collection<String> values) {
        return new ArrayList<>(new TreeSet<>(values));
    }

    private static List<String> text(List<CidrBlock> blocks) {
        return blocks.stream().map(CidrBlock::toString).toList();
    }
}
