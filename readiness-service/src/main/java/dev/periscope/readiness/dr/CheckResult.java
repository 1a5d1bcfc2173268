package dev.periscope.readiness.dr;

import dev.periscope.readiness.checklist.ItemStatus;

/** The live check next to a runbook step: its status now and why. */
public record CheckResult(ItemStatus status, String evidence) {
    static CheckResult pass(String evidence) {
        return new CheckResult(ItemStatus.PASS, evidence);
    }

    static CheckResult warn(String evidence) {
        return new CheckResult(ItemStatus.WARN, evidence);
    }

    static CheckResult fail(String evidence) {
        return new CheckResult(ItemStatus.FAIL, evidence);
    }

    static CheckResult unknown(String evidence) {
        return new CheckResult(ItemStatus.UNKNOWN, evidence);
    }
}
