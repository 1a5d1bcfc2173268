package dev.periscope.readiness.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.readiness.domain.InstanceView;

class ChecklistEvaluatorTest {
    private static final String RULES = """
            rules:
              - id: tls
                section: security
                title: TLS on
                severity: fail
                services: [gw]
                expr: facts['tls'] == true
                evidence: "{instance} on port {port}: tls={tls}"
              - id: mtls
                section: security
                title: mTLS on
                severity: warn
                services: [gw]
                expr: facts['mtls'] == true
              - id: replicas
                section: ha
                title: Two of each
                severity: fail
                scope: service
                expr: size(instances) >= 2
                evidence: "{count} instance(s): {instances}"
              - id: same-salt
                section: security
                title: Same salt
                severity: fail
                scope: fleet
                expr: instances.all(i, i.facts['fp'] == instances[0].facts['fp'])
                evidence: "fingerprints {values:fp}"
            """;

    private final RuleSet rules = Fixtures.load(RULES);
    private final ChecklistEvaluator evaluator = new ChecklistEvaluator(Duration.ofSeconds(60),
            new CounterWindow(Duration.ofMinutes(15)));

    private static InstanceView gw(String id, boolean tls, boolean mtls, String fp) {
        return Fixtures.instance("gw", id, Map.of("tls", tls, "mtls", mtls, "fp", fp, "port", 9000L));
    }

    @Test
    void verdictIsReadyDegradedOrBlocked() {
        assertThat(rules.rejected()).isEmpty();
        ChecklistReport ready = evaluator.evaluate(rules, List.of(gw("a", true, true, "x"), gw("b", true, true, "x")),
                Fixtures.NOW);
        ChecklistReport degraded = evaluator.evaluate(rules, List.of(gw("a", true, false, "x"),
                gw("b", true, true, "x")), Fixtures.NOW);
        ChecklistReport blocked = evaluator.evaluate(rules, List.of(gw("a", false, true, "x"),
                gw("b", true, true, "x")), Fixtures.NOW);

        assertThat(ready.verdict()).isEqualTo(Verdict.READY);
        assertThat(ready.exitCode()).isZero();
        assertThat(degraded.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(degraded.notPassing()).extracting(ChecklistItem::id).containsExactly("mtls");
        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(blocked.exitCode()).isEqualTo(2);
    }

    @Test
    void evidenceIsPerInstanceRenderedFromTheTemplate() {
        ChecklistItem tls = evaluator.evaluate(rules, List.of(gw("a", false, true, "x"), gw("b", true, true, "x")),
                Fixtures.NOW).item("tls").orElseThrow();

        assertThat(tls.status()).isEqualTo(ItemStatus.FAIL);
        assertThat(tls.evidence()).extracting(Evidence::subject, Evidence::status, Evidence::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gw/a", ItemStatus.FAIL, "a on port 9000: tls=false"),
                org.assertj.core.groups.Tuple.tuple("gw/b", ItemStatus.PASS, "b on port 9000: tls=true"));
        assertThat(tls.source()).isEqualTo("rules-0.yaml:2");
    }

    @Test
    void serviceAndFleetRulesSeeTheAggregate() {
        ChecklistReport report = evaluator.evaluate(rules, List.of(gw("a", true, true, "x"), gw("b", true, true, "y"),
                Fixtures.instance("other", "o1", Map.of("fp", "x"))), Fixtures.NOW);

        ChecklistItem replicas = report.item("replicas").orElseThrow();
        assertThat(replicas.evidence()).extracting(Evidence::subject, Evidence::status, Evidence::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gw", ItemStatus.PASS,
                        "2 instance(s): gw/a, gw/b"),
                        org.assertj.core.groups.Tuple.tuple("other", ItemStatus.FAIL, "1 instance(s): other/o1"));
        ChecklistItem salt = report.item("same-salt").orElseThrow();
        assertThat(salt.status()).isEqualTo(ItemStatus.FAIL);
        assertThat(salt.evidence()).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("fleet");
            assertThat(e.message()).isEqualTo("fingerprints x, y");
        });
    }

    @Test
    void missingFactsAndStaleReportsAreUnknownNeverPass() {
        InstanceView noFacts = Fixtures.instance("gw", "a", Map.of());
        InstanceView stale = Fixtures.instance("gw", "b", Map.of("tls", true, "mtls", true, "fp", "x"), Map.of(), 61);

        ChecklistReport report = evaluator.evaluate(rules, List.of(noFacts, stale), Fixtures.NOW);

        ChecklistItem tls = report.item("tls").orElseThrow();
        assertThat(tls.status()).isEqualTo(ItemStatus.UNKNOWN);
        assertThat(tls.evidence()).extracting(Evidence::status).containsOnly(ItemStatus.UNKNOWN);
        assertThat(tls.evidence().get(0).message()).isEqualTo("not reported: tls");
        assertThat(tls.evidence().get(1).message()).isEqualTo("report is 61 s old (stale after 60 s)");
        assertThat(report.verdict()).isEqualTo(Verdict.BLOCKED); // replicas: only one fresh gw
        assertThat(report.item("replicas").orElseThrow().evidence()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("1 instance(s): gw/a"));
    }

    @Test
    void aNamedServiceWithNoInstanceIsUnknown() {
        ChecklistItem tls = evaluator.evaluate(rules, List.of(Fixtures.instance("other", "o1", Map.of())),
                Fixtures.NOW).item("tls").orElseThrow();

        assertThat(tls.status()).isEqualTo(ItemStatus.UNKNOWN);
        assertThat(tls.evidence()).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("no instance of gw reports"));
    }

    @Test
    void sinceMovesOnlyWhenTheStatusChanges() {
        List<InstanceView> failing = List.of(gw("a", false, true, "x"), gw("b", true, true, "x"));
        List<InstanceView> fixed = List.of(gw("a", true, true, "x"), gw("b", true, true, "x"));

        evaluator.evaluate(rules, failing, Fixtures.NOW);
        ChecklistItem stillFailing = evaluator.evaluate(rules, failing, Fixtures.NOW.plusSeconds(10))
                .item("tls").orElseThrow();
        ChecklistItem passing = evaluator.evaluate(rules, fixed, Fixtures.NOW.plusSeconds(20))
                .item("tls").orElseThrow();

        assertThat(stillFailing.since()).isEqualTo(Fixtures.NOW);
        assertThat(passing.status()).isEqualTo(ItemStatus.PASS);
        assertThat(passing.since()).isEqualTo(Fixtures.NOW.plusSeconds(20));
        assertThat(passing.evidence()).filteredOn(e -> e.subject().equals("gw/b")).singleElement()
                .satisfies(e -> assertThat(e.since()).isEqualTo(Fixtures.NOW));
    }

    @Test
    void aNonBoolResultAtRunTimeIsUnknown() {
        RuleSet dyn = Fixtures.load("""
                rules:
                  - id: dyn
                    section: pipeline
                    title: Dynamic
                    severity: fail
                    expr: facts['flag']
                """);

        ChecklistItem item = evaluator.evaluate(dyn, List.of(Fixtures.instance("gw", "a", Map.of("flag", "yes"))),
                Fixtures.NOW).item("dyn").orElseThrow();

        assertThat(item.status()).isEqualTo(ItemStatus.UNKNOWN);
    }
}
