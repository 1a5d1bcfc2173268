package dev.periscope.readiness.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleLoaderTest {

    private static final String GOOD = """
            rules:
              - id: good.one
                section: security
                title: A good rule
                severity: fail
                services: [svc]
                expr: facts['a'] == true
                evidence: "a={a}"
                doc: https://example.org/a
              - id: good.two
                section: pipeline
                title: Another
                severity: warn
                scope: fleet
                expr: size(instances) > 0
            """;

    @Test
    void loadsEveryFieldOfAGoodFile() {
        RuleSet set = Fixtures.load(GOOD);

        assertThat(set.rejected()).isEmpty();
        assertThat(set.rules()).hasSize(2);
        RuleDefinition one = set.rules().get(0).definition();
        assertThat(one.id()).isEqualTo("good.one");
        assertThat(one.section()).isEqualTo(Section.SECURITY);
        assertThat(one.severity()).isEqualTo(Severity.FAIL);
        assertThat(one.scope()).isEqualTo(Scope.INSTANCE);
        assertThat(one.services()).containsExactly("svc");
        assertThat(one.evidence()).isEqualTo("a={a}");
        assertThat(one.doc()).isEqualTo("https://example.org/a");
        assertThat(one.origin()).isEqualTo(new RuleOrigin("rules-0.yaml", 2));
        RuleDefinition two = set.rules().get(1).definition();
        assertThat(two.scope()).isEqualTo(Scope.FLEET);
        assertThat(two.services()).isEmpty();
        assertThat(two.origin().line()).isEqualTo(10);
    }

    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("does not parse", "facts['a'] == ", 7, "does not compile"),
                Arguments.of("unknown variable", "fact['a'] == true", 7, "does not compile"),
                Arguments.of("not a bool", "size(facts) + 1", 7, "does not compile"),
                Arguments.of("unknown function", "nosuch(facts)", 7, "does not compile"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRules")
    void aRuleThatDoesNotCompileIsRejectedWithFileAndLineAndTheOthersLoad(String name, String expr, int line,
            String reason) {
        String file = """
                rules:
                  - id: bad.rule
                    section: security
                    title: Bad
                    severity: fail
                    services: [svc]
                    expr: %s
                  - id: fine.rule
                    section: security
                    title: Fine
                    severity: fail
                    expr: facts['b'] == 1
                """.formatted(expr);

        RuleSet set = Fixtures.load(file);

        assertThat(set.rules()).extracting(r -> r.definition().id()).containsExactly("fine.rule");
        assertThat(set.rejected()).hasSize(1);
        RuleRejection rejection = set.rejected().get(0);
        assertThat(rejection.ruleId()).isEqualTo("bad.rule");
        assertThat(rejection.origin()).isEqualTo(new RuleOrigin("rules-0.yaml", line));
        assertThat(rejection.reason()).contains(reason);
    }

    @Test
    void aCompileErrorInABlockExpressionPointsAtItsOwnLine() {
        String file = """
                rules:
                  - id: block.rule
                    section: ha
                    title: Block
                    severity: fail
                    expr: |
                      facts['a'] == true
                      && nosuch(facts)
                """;

        RuleSet set = Fixtures.load(file);

        assertThat(set.rejected()).singleElement()
                .satisfies(r -> assertThat(r.origin()).isEqualTo(new RuleOrigin("rules-0.yaml", 8)));
    }

    static Stream<Arguments> malformedRules() {
        return Stream.of(
                Arguments.of("missing id", "section: ha\n    title: T\n    severity: fail\n    expr: true", null,
                        "id must match"),
                Arguments.of("bad id", "id: Bad Id\n    section: ha\n    title: T\n    severity: fail\n    expr: true",
                        "Bad Id", "id must match"),
                Arguments.of("unknown section", "id: r1\n    section: nope\n    title: T\n    severity: fail\n"
                        + "    expr: true", "r1", "unknown section 'nope'"),
                Arguments.of("unknown severity", "id: r1\n    section: ha\n    title: T\n    severity: fatal\n"
                        + "    expr: true", "r1", "unknown severity 'fatal'"),
                Arguments.of("unknown scope", "id: r1\n    section: ha\n    title: T\n    severity: fail\n"
                        + "    scope: world\n    expr: true", "r1", "unknown scope 'world'"),
                Arguments.of("missing expr", "id: r1\n    section: ha\n    title: T\n    severity: fail", "r1",
                        "missing required 'expr'"),
                Arguments.of("missing title", "id: r1\n    section: ha\n    severity: fail\n    expr: true", "r1",
                        "missing required 'title'"),
                Arguments.of("misspelt key", "id: r1\n    section: ha\n    title: T\n    severity: fail\n"
                        + "    expression: true", "r1", "unknown key 'expression'"),
                Arguments.of("services not a list", "id: r1\n    section: ha\n    title: T\n    severity: fail\n"
                        + "    services: {a: b}\n    expr: true", "r1", "'services' must be a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRules")
    void aMalformedRuleIsRejectedAndTheNextOneStillLoads(String name, String body, String id, String reason) {
        String file = "rules:\n  - " + body.replace("\n    ", "\n    ") + "\n"
                + "  - id: next.rule\n    section: ha\n    title: Next\n    severity: warn\n    expr: true\n";

        RuleSet set = Fixtures.load(file);

        assertThat(set.rules()).extracting(r -> r.definition().id()).containsExactly("next.rule");
        assertThat(set.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo(id);
            assertThat(r.reason()).contains(reason);
            assertThat(r.origin().file()).isEqualTo("rules-0.yaml");
            assertThat(r.origin().line()).isBetween(2, 7);
        });
    }

    @Test
    void aFileThatIsNotYamlIsRejectedWithItsLineAndOtherFilesStillLoad() {
        String broken = "rules:\n  - id: a\n    title: [unclosed\n";

        RuleSet set = Fixtures.load(broken, GOOD);

        assertThat(set.rules()).hasSize(2);
        assertThat(set.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isNull();
            assertThat(r.origin().file()).isEqualTo("rules-0.yaml");
            assertThat(r.origin().line()).isGreaterThanOrEqualTo(3);
            assertThat(r.reason()).startsWith("not valid YAML");
        });
    }

    @Test
    void aFileWithoutARulesListIsRejected() {
        RuleSet set = Fixtures.load("- id: a\n");

        assertThat(set.rules()).isEmpty();
        assertThat(set.rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("top-level 'rules:'"));
    }

    @Test
    void aDuplicateIdInALaterFileIsRejectedAndTheFirstKept() {
        RuleSet set = Fixtures.load(GOOD, GOOD.replace("good.two", "good.three"));

        assertThat(set.rules()).extracting(r -> r.definition().id())
                .containsExactly("good.one", "good.two", "good.three");
        assertThat(set.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("good.one");
            assertThat(r.origin()).isEqualTo(new RuleOrigin("rules-1.yaml", 2));
            assertThat(r.reason()).isEqualTo("duplicate id, first defined at rules-0.yaml:2");
        });
    }

    @Test
    void theDefaultPackLoadsCompletely() {
        RuleSet set = Fixtures.defaultPack();

        assertThat(set.rejected()).isEmpty();
        assertThat(set.rules()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(set.rules()).extracting(r -> r.definition().section()).contains(Section.values());
        List<String> ids = set.rules().stream().map(r -> r.definition().id()).toList();
        assertThat(ids).contains("security.als-tls", "security.als-mtls", "security.hash-salt-strong",
                "security.hash-salt-consistent", "ha.two-instances", "ha.heap-below-limit",
                "observability.config-reload", "pipeline.sinks-healthy", "pipeline.no-backpressure-drops",
                "pipeline.no-dlq-growth", "ha.mongodb-not-embedded");
    }
}
