package dev.periscope.readiness.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ItemChangeTest {
    private static final String RULES = """
            rules:
              - id: tls
                section: security
                title: TLS on
                severity: fail
                expr: facts['tls'] == true
                evidence: "tls={tls}"
              - id: port
                section: edge
                title: Port set
                severity: warn
                expr: facts['port'] > 0
            """;

    private final ChecklistEvaluator evaluator = new ChecklistEvaluator(Duration.ofSeconds(60),
            new CounterWindow(Duration.ofMinutes(15)));

    private ChecklistReport evaluate(RuleSet rules, boolean tls) {
        return evaluator.evaluate(rules, List.of(Fixtures.instance("gw", "a", Map.of("tls", tls, "port", 1L))),
                Fixtures.NOW);
    }

    @Test
    void firstEvaluationReportsEveryItemThenOnlyWhatChanged() {
        RuleSet rules = Fixtures.load(RULES);
        ChecklistReport first = evaluate(rules, false);
        ChecklistReport same = evaluate(rules, false);
        ChecklistReport fixed = evaluate(rules, true);

        assertThat(ItemChange.between(null, first)).extracting(ItemChange::id, ItemChange::previous)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tls", null),
                        org.assertj.core.groups.Tuple.tuple("port", null));
        assertThat(ItemChange.between(first, same)).isEmpty();
        assertThat(ItemChange.between(same, fixed)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("tls");
            assertThat(c.previous()).isEqualTo(ItemStatus.FAIL);
            assertThat(c.item().status()).isEqualTo(ItemStatus.PASS);
            assertThat(c.verdict()).isEqualTo(Verdict.READY);
        });
    }

    @Test
    void anUnloadedRuleIsReportedRemoved() {
        ChecklistReport both = evaluate(Fixtures.load(RULES), true);
        ChecklistReport one = evaluate(Fixtures.load(RULES.substring(0, RULES.indexOf("  - id: port"))), true);

        assertThat(ItemChange.between(both, one)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("port");
            assertThat(c.removed()).isTrue();
            assertThat(c.item()).isNull();
        });
    }
}
