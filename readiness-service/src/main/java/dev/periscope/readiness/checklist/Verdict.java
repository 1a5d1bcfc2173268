package dev.periscope.readiness.checklist;

import java.util.Collection;

/**
 * The overall verdict with the exit code of {@code doctor}: any failing item blocks the rollout; any warning or
 * unknown item (facts missing or stale, never a silent pass) degrades it.
 */
public enum Verdict {
    READY(0), DEGRADED(1), BLOCKED(2);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static Verdict of(Collection<ItemStatus> statuses) {
        if (statuses.contains(ItemStatus.FAIL)) {
            return BLOCKED;
        }
        if (statuses.contains(ItemStatus.WARN) || statuses.contains(ItemStatus.UNKNOWN)) {
            return DEGRADED;
        }
        return READY;
    }
}
