package dev.periscope.readiness.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.Verdict;

/** The checklist (or one section of it) with the overall verdict and how many items are in each status. */
public record ChecklistResponse(Verdict verdict, int exitCode, Instant evaluatedAt, Map<String, Integer> counts,
        List<ChecklistItem> items) {

    static ChecklistResponse of(Verdict verdict, ChecklistReport report) {
        Map<String, Integer> counts = new TreeMap<>();
        report.items().forEach(i -> counts.merge(i.status().name().toLowerCase(Locale.ROOT), 1,
                Integer::sum));
        return new ChecklistResponse(verdict, verdict.exitCode(), report.evaluatedAt(), counts, report.items());
    }
}
