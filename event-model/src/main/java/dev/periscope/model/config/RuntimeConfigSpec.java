package dev.periscope.model.config;

import java.time.Instant;
import java.util.List;

/**
 * A runtime-configuration document as read, before validation: every value typed but unchecked, {@code null}
 * where the document has no value (the validator then applies the default). Produced by
 * {@link RuntimeConfigParser}; turned into a {@link RuntimeConfig} only by {@link RuntimeConfigValidator}.
 */
public record RuntimeConfigSpec(Long version, Instant updatedAt, String updatedBy, PolicySpec policy,
        DetectionSpec detection) {

    public RuntimeConfigSpec {
        policy = policy == null ? PolicySpec.EMPTY : policy;
        detection = detection == null ? DetectionSpec.EMPTY : detection;
    }

    public record PolicySpec(Boolean storeHeaders, List<String> headerAllowlist, Boolean hashSourceIp,
            Boolean hashUserAgent, Boolean storeRawSourceIp, Boolean storeRawUserAgent, Long rawSampleRate,
            Long queryParamsCap, List<String> credentialParamNames, List<String> ingestDenyPatterns,
            ExcludeSpec exclude, List<String> trustedProxyCidrs, List<String> trustedTlsProxyCidrs,
            Long maxPathBytes, List<PathRuleSpec> pathNormalizePatterns, Long pathLearnMinDistinct,
            Long pathLearnCap, List<String> neverTemplateSegments, PiiDetectorsSpec piiDetectors, Long consumersCap,
            List<Long> hostingAsns, List<Long> trustedEgressAsns) {
        public static final PolicySpec EMPTY = new PolicySpec(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);

        public PolicySpec {
            exclude = exclude == null ? ExcludeSpec.EMPTY : exclude;
            piiDetectors = piiDetectors == null ? PiiDetectorsSpec.EMPTY : piiDetectors;
        }
    }

    public record PathRuleSpec(String regex, String placeholder) {
    }

    public record PiiDetectorsSpec(Boolean email, Boolean phoneInternational, Boolean ssn, Boolean creditCard,
            Boolean iban) {
        public static final PiiDetectorsSpec EMPTY = new PiiDetectorsSpec(null, null, null, null, null);
    }

    public record ExcludeSpec(List<String> methods, List<String> hosts, List<String> listeners,
            List<String> projects, List<String> sourceCidrs, List<String> userAgents) {
        public static final ExcludeSpec EMPTY = new ExcludeSpec(null, null, null, null, null, null);
    }

    /**
     * @param detectors the detector blocks present in the document, each field typed per {@link DetectorSchema}
     *                  ({@code Boolean}, {@code Long} or {@code Double}); absent fields are absent
     */
    public record DetectionSpec(Boolean detectPii, Boolean extractConsumerFingerprint, Boolean cookieInspection,
            Long corsReflectionMinOrigins, java.util.Map<String, java.util.Map<String, Object>> detectors) {
        public static final DetectionSpec EMPTY = new DetectionSpec(null, null, null, null, null);

        public DetectionSpec {
            detectors = detectors == null ? java.util.Map.of() : java.util.Map.copyOf(detectors);
        }
    }
}
