package dev.periscope.readiness.checklist;

/** What a violated rule means: the rollout is blocked, or it may proceed degraded. */
public enum Severity {
    FAIL, WARN;

    ItemStatus violation() {
        return this == FAIL ? ItemStatus.FAIL : ItemStatus.WARN;
    }
}
