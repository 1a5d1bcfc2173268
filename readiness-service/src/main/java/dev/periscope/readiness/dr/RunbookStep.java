package dev.periscope.readiness.dr;

/** One step of a runbook, with the live check that tells whether it is done or needed. */
public record RunbookStep(int step, String title, String action, String check, CheckResult result) {
}
