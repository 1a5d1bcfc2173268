package dev.periscope.readiness.checklist;

/** A rule (or a whole file) that was not loaded, with where and why. {@code ruleId} is null for a file error. */
public record RuleRejection(String ruleId, RuleOrigin origin, String reason) {
    @Override
    public String toString() {
        return origin + ": " + (ruleId == null ? "" : "rule " + ruleId + ": ") + reason;
    }
}
