package dev.periscope.readiness.rest;

import java.time.Instant;
import java.util.List;

import dev.periscope.readiness.checklist.RuleDefinition;
import dev.periscope.readiness.checklist.RuleSet;
import dev.periscope.readiness.checklist.Scope;
import dev.periscope.readiness.checklist.Section;
import dev.periscope.readiness.checklist.Severity;

/** The rules in force and the rejected ones, each with its file and line. */
public record RulesResponse(Instant loadedAt, List<Rule> rules, List<Rejected> rejected) {

    public record Rule(String id, Section section, String title, Severity severity, Scope scope,
            List<String> services, String expr, String source) {
    }

    public record Rejected(String ruleId, String source, String reason) {
    }

    static RulesResponse of(RuleSet set) {
        return new RulesResponse(set.loadedAt(), set.rules().stream().map(r -> rule(r.definition())).toList(),
                set.rejected().stream().map(r -> new Rejected(r.ruleId(), r.origin().toString(), r.reason()))
                        .toList());
    }

    private static Rule rule(RuleDefinition d) {
        return new Rule(d.id(), d.section(), d.title(), d.severity(), d.scope(), d.services(), d.expr(),
                d.origin().toString());
    }
}
