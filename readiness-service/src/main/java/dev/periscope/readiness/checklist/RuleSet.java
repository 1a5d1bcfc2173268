package dev.periscope.readiness.checklist;

import java.time.Instant;
import java.util.List;

/** The rules in force and the ones rejected at the last (re)load. */
public record RuleSet(List<CompiledRule> rules, List<RuleRejection> rejected, Instant loadedAt) {
    public static RuleSet empty(Instant now) {
        return new RuleSet(List.of(), List.of(), now);
    }
}
