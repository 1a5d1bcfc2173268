package dev.periscope.readiness.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.Evidence;
import dev.periscope.readiness.checklist.ItemStatus;
import dev.periscope.readiness.checklist.Verdict;

/** What {@code doctor} prints: the verdict, its exit code and every item that is not passing. */
public record DoctorResponse(Verdict verdict, int exitCode, Instant evaluatedAt, String summary,
        List<ChecklistItem> failing) {

    static DoctorResponse of(ChecklistReport report) {
        List<ChecklistItem> failing = report.notPassing().stream().map(DoctorResponse::withoutPassingEvidence)
                .toList();
        String summary = String.format("%s: %d of %d items not passing", report.verdict().name().toLowerCase(
                Locale.ROOT), failing.size(), report.items().size());
        return new DoctorResponse(report.verdict(), report.exitCode(), report.evaluatedAt(), summary, failing);
    }

    private static ChecklistItem withoutPassingEvidence(ChecklistItem item) {
        List<Evidence> evidence = item.evidence().stream().filter(e -> e.status() != ItemStatus.PASS).toList();
        return new ChecklistItem(item.id(), item.section(), item.title(), item.severity(), item.scope(),
                item.services(), item.status(), item.since(), evidence, item.doc(), item.source());
    }
}
