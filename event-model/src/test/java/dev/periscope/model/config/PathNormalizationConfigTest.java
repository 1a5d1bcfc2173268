package dev.periscope.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PathNormalizationConfigTest {

    private static RuntimeConfigResult parse(Map<String, Object> policy) {
        return RuntimeConfigParser.parse(Map.of("version", 3, "policy", policy));
    }

    @Test
    void defaultsLearnAfterFiveAndHaveNoRules() {
        PathNormalization paths = Policy.defaults().pathNormalization();
        assertThat(paths.rules()).isEmpty();
        assertThat(paths.learnMinDistinct()).isEqualTo(5);
        assertThat(paths.learnCap()).isEqualTo(64);
        assertThat(paths.neverTemplateSegments()).isEmpty();
        assertThat(Policy.defaults().piiDetectors()).isEqualTo(PiiDetectors.defaults());
    }

    @Test
    void rulesAreAnchoredToTheWholeSegmentAndKeepTheirOrder() {
        RuntimeConfigResult result = parse(Map.of("path_normalize_patterns", List.of(
                Map.of("regex", "^ord-[0-9]{6}$", "placeholder", "id"),
                Map.of("regex", "tok_[A-Za-z0-9]{24}", "placeholder", "{token}")),
                "path_learn_min_distinct", 8, "never_template_segments", List.of("Latest", "current")));

        assertThat(result.errors()).isEmpty();
        PathNormalization paths = result.config().orElseThrow().policy().pathNormalization();
        assertThat(paths.rules()).extracting(PathNormalization.Rule::template).containsExactly("{id}", "{token}");
        assertThat(paths.rules().get(0).pattern().matcher("ord-123456").matches()).isTrue();
        assertThat(paths.rules().get(0).pattern().matcher("xord-123456").matches()).isFalse();
        assertThat(paths.learnMinDistinct()).isEqualTo(8);
        assertThat(paths.neverTemplateSegments()).containsExactlyInAnyOrder("latest", "current");
    }

    @ParameterizedTest
    @ValueSource(strings = {".*", "^.+$", "[a-z]+", "[^/]+", "\\w+", "(a+)+", "(\\d*)*x", "(x|y+)+z", "(a)\\1",
        "(?=a)abc", "a{1,}", "a{0,100000}", "", "abc(", "x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?x?"})
    void unsafeOrCatchAllRulesAreRejectedWithTheirIndex(String regex) {
        RuntimeConfigResult result = parse(Map.of("path_normalize_patterns", List.of(
                Map.of("regex", "ord-[0-9]{6}", "placeholder", "id"), Map.of("regex", regex, "placeholder", "id"))));

        assertThat(result.config()).isEmpty();
        assertThat(result.errors()).singleElement().asString().startsWith("policy.path_normalize_patterns[1].regex:");
    }

    @Test
    void onlyOperatorPlaceholdersAreAllowed() {
        RuntimeConfigResult result = parse(Map.of("path_normalize_patterns", List.of(
                Map.of("regex", "ord-[0-9]{6}", "placeholder", "secret"), Map.of("regex", "x[0-9]{3}"))));

        assertThat(result.errors()).hasSize(2).allSatisfy(error -> assertThat(error).contains(".placeholder"));
    }

    @Test
    void rulesAndLearningBoundsAreCapped() {
        List<Map<String, Object>> rules = java.util.stream.IntStream.range(0, 65)
                .mapToObj(i -> Map.<String, Object>of("regex", "r" + i + "-[0-9]{4}", "placeholder", "id")).toList();
        RuntimeConfigResult result = parse(Map.of("path_normalize_patterns", rules, "path_learn_min_distinct", 1,
                "path_learn_cap", 1000));

        assertThat(result.errors()).containsExactlyInAnyOrder(
                "policy.path_normalize_patterns: at most 64 entries, got 65",
                "policy.path_learn_min_distinct: must be between 2 and 64, got 1",
                "policy.path_learn_cap: must be between 8 and 256, got 1000");
    }

    @Test
    void piiDetectorSwitchesDefaultOnAndUnknownOnesAreWarnings() {
        RuntimeConfigResult result = parse(Map.of("pii_detectors",
                Map.of("email", false, "iban", false, "tr_national_id", "named")));

        PiiDetectors pii = result.config().orElseThrow().policy().piiDetectors();
        assertThat(pii).isEqualTo(new PiiDetectors(false, true, true, true, false));
        assertThat(result.warnings()).containsExactly("policy.pii_detectors.tr_national_id: not implemented by "
                + "Periscope, ignored");
    }

    @Test
    void theDocumentViewRoundTrips() {
        RuntimeConfigResult result = parse(Map.of("path_normalize_patterns",
                List.of(Map.of("regex", "ord-[0-9]{6}", "placeholder", "id")), "pii_detectors", Map.of("ssn", false)));
        Map<String, Object> view = RuntimeConfigDocument.policy(result.config().orElseThrow().policy());

        RuntimeConfigResult again = parse(view);

        assertThat(again.errors()).isEmpty();
        assertThat(RuntimeConfigDocument.policy(again.config().orElseThrow().policy())).isEqualTo(view);
    }
}
