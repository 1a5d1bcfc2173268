package dev.periscope.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DetectorSettingsTest {

    private static RuntimeConfigResult parse(Map<String, ?> detection) {
        return RuntimeConfigParser.parse(Map.of("version", 1, "detection", detection));
    }

    private static RuntimeConfigResult parsePolicy(Map<String, ?> policy) {
        return RuntimeConfigParser.parse(Map.of("version", 1, "policy", policy));
    }

    @Test
    void defaultsAreTheReferencesGenerationTwoDefaults() {
        DetectorSettings d = RuntimeConfig.defaults().detection().detectors();
        assertThat(d.bola()).isEqualTo(new BolaSettings(true, 50, 60, 10, 0.25, true));
        assertThat(d.bruteForce()).isEqualTo(new BruteForceSettings(true, 10, 60, 20, 0.5));
        assertThat(d.rateAnomaly()).isEqualTo(new WindowSettings(false, 1000, 60));
        assertThat(d.paymentAbuse()).isEqualTo(new PaymentAbuseSettings(true, 10, 60, 0.5));
        assertThat(d.replay()).isEqualTo(new WindowSettings(true, 3, 300));
        assertThat(d.pathScan()).isEqualTo(new WindowSettings(true, 40, 60));
        assertThat(d.geoSpread()).isEqualTo(new GeoSpreadSettings(true, 2, 3600, true, 2, true));
        assertThat(d.ipRate()).isEqualTo(new WindowSettings(false, 1000, 60));
        assertThat(d.responseSize()).isEqualTo(new ResponseSizeSettings(true, 10, 1024, 65536, 10, 4, 2));
        assertThat(d.behavior()).isEqualTo(new BehaviorSettings(true, 50, 600, 5, 200, 3, 0.3, 0.02, 3, 0.25, 2));
        assertThat(d.authInconsistent()).isEqualTo(new AuthInconsistentSettings(true, 86_400));
        assertThat(parse(Map.of()).config().orElseThrow().detection().detectors()).isEqualTo(d);
    }

    @Test
    void aBlockSetsOnlyWhatItNames() {
        RuntimeConfig config = parse(Map.of("bola", Map.of("threshold", 20, "min_forbidden_ratio", 0.5),
                "geo_spread", Map.of("min_switches", 0.0, "escalate_hosting_asn", false),
                "ip_rate", Map.of("enabled", true, "threshold", 300, "window_seconds", 10))).config().orElseThrow();
        DetectorSettings d = config.detection().detectors();
        assertThat(d.bola()).isEqualTo(new BolaSettings(true, 20, 60, 10, 0.5, true));
        assertThat(d.geoSpread()).isEqualTo(new GeoSpreadSettings(true, 2, 3600, true, 0, false));
        assertThat(d.ipRate()).isEqualTo(new WindowSettings(true, 300, 10));
        assertThat(d.bruteForce()).isEqualTo(DetectorSettings.defaults().bruteForce());
    }

    static Stream<Arguments> invalidBlocks() {
        return Stream.of(
                Arguments.of(Map.of("brute_force", Map.of("threshold", 0)),
                        "detection.brute_force.threshold: must be greater than 0 while the detector is enabled"),
                Arguments.of(Map.of("replay", Map.of("window_seconds", 0)),
                        "detection.replay.window_seconds: must be greater than 0 while the detector is enabled"),
                Arguments.of(Map.of("ip_rate", Map.of("enabled", true, "threshold", 0)),
                        "detection.ip_rate.threshold: must be greater than 0 while the detector is enabled"),
                Arguments.of(Map.of("bola", Map.of("min_forbidden_ratio", 1.5)),
                        "detection.bola.min_forbidden_ratio: must be between 0.0 and 1.0, got 1.5"),
                Arguments.of(Map.of("brute_force", Map.of("min_failure_ratio", -0.1)),
                        "detection.brute_force.min_failure_ratio: must be between 0.0 and 1.0, got -0.1"),
                Arguments.of(Map.of("geo_spread", Map.of("min_switches", 32)),
                        "detection.geo_spread.min_switches: must be between 0 and 31, got 32"),
                Arguments.of(Map.of("bola", Map.of("threshold", 129)),
                        "detection.bola.threshold: must be between 0 and 128, got 129"),
                Arguments.of(Map.of("path_scan", Map.of("threshold", 500)),
                        "detection.path_scan.threshold: must be between 0 and 128, got 500"),
                Arguments.of(Map.of("replay", Map.of("window_seconds", 604_801)),
                        "detection.replay.window_seconds: must be between 0 and 604800, got 604801"),
                Arguments.of(Map.of("behavior", Map.of("error_rate_fast_alpha", 2)),
                        "detection.behavior.error_rate_fast_alpha: must be between 0.0 and 1.0, got 2.0"),
                Arguments.of(Map.of("bola", Map.of("threshold", "fifty")),
                        "detection.bola.threshold: expected an integer, got a string"),
                Arguments.of(Map.of("bola", Map.of("enabled", "yes")),
                        "detection.bola.enabled: expected true or false, got a string"),
                Arguments.of(Map.of("response_size", Map.of("sigma", "4")),
                        "detection.response_size.sigma: expected a number, got a string"),
                Arguments.of(Map.of("bola", 5), "detection.bola: expected an object, got a number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidBlocks")
    void invalidBlocksAreRejectedWithTheirPath(Map<String, ?> detection, String error) {
        RuntimeConfigResult result = parse(detection);
        assertThat(result.config()).isEmpty();
        assertThat(result.errors()).contains(error);
    }

    @Test
    void aDisabledDetectorMayKeepZeros() {
        RuntimeConfigResult result = parse(Map.of("rate_anomaly", Map.of("enabled", false, "threshold", 0,
                "window_seconds", 0)));
        assertThat(result.errors()).isEmpty();
        assertThat(result.config().orElseThrow().detection().detectors().rateAnomaly())
                .isEqualTo(new WindowSettings(false, 0, 0));
    }

    @Test
    void unknownFieldsAreWarnedNotRejected() {
        RuntimeConfigResult result = parse(Map.of("bola", Map.of("thresold", 5), "teleport", Map.of(),
                "normalize_gap", Map.of("threshold", 64), "service_account_patterns", List.of("svc-")));
        assertThat(result.config()).isPresent();
        assertThat(result.warnings()).contains("detection.bola.thresold: unknown field, ignored",
                "detection.teleport: unknown field, ignored");
        assertThat(result.warnings()).noneMatch(w -> w.contains("normalize_gap") || w.contains("service_account"));
    }

    @Test
    void theEffectiveDocumentRoundTrips() {
        RuntimeConfig config = parse(Map.of("bola", Map.of("threshold", 20), "behavior",
                Map.of("latency_sigma", 6.5))).config().orElseThrow();
        Map<String, Object> doc = RuntimeConfigDocument.of(config);
        @SuppressWarnings("unchecked")
        Map<String, Object> detection = (Map<String, Object>) doc.get("detection");
        assertThat(detection).containsKeys("bola", "brute_force", "geo_spread", "behavior", "auth_inconsistent");
        assertThat(((Map<?, ?>) detection.get("bola")).get("threshold")).isEqualTo(20L);
        RuntimeConfig again = RuntimeConfigParser.parse(doc).config().orElseThrow();
        assertThat(again.detection()).isEqualTo(config.detection());
        assertThat(again.policy().hostingAsns()).isEqualTo(config.policy().hostingAsns());
    }

    @Test
    void hostingAndTrustedEgressAsns() {
        Policy policy = parsePolicy(Map.of("hosting_asns", List.of(64500, "AS64501", "as64502", "64503"),
                "trusted_egress_asns", List.of(16509.0))).config().orElseThrow().policy();
        assertThat(policy.hostingAsns()).containsExactlyInAnyOrder(64500L, 64501L, 64502L, 64503L);
        assertThat(policy.trustedEgressAsns()).containsExactly(16509L);
        assertThat(Policy.defaults().hostingAsns()).isEmpty();

        RuntimeConfigResult bad = parsePolicy(Map.of("hosting_asns", List.of("ASX", 0, 4_294_967_296L, true),
                "trusted_egress_asns", "16509"));
        assertThat(bad.errors()).contains(
                "policy.hosting_asns[0]: expected an AS number (1-4294967295, e.g. 13335 or \"AS13335\"), got 'ASX'",
                "policy.hosting_asns[1]: expected an AS number (1-4294967295, e.g. 13335 or \"AS13335\"), got the "
                        + "number 0",
                "policy.trusted_egress_asns: expected a list of AS numbers, got a string");
        assertThat(bad.errors()).hasSize(5);

        List<Long> tooMany = new ArrayList<>(Collections.nCopies(Policy.MAX_ASNS + 1, 64500L));
        assertThat(parsePolicy(Map.of("hosting_asns", tooMany)).errors())
                .contains("policy.hosting_asns: at most 1024 entries, got 1025");
    }
}
