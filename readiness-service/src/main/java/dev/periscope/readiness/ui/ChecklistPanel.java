package dev.periscope.readiness.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.Evidence;
import dev.periscope.readiness.checklist.Section;

/** The checklist as the dashboard shows it: the verdict, then every section with its items in rule order. */
public record ChecklistPanel(String verdict, Instant evaluatedAt, List<SectionRows> sections) {

    public record SectionRows(String slug, String title, List<ItemRow> items) {
    }

    public record ItemRow(String id, String title, String status, String severity, Instant since,
            List<EvidenceRow> evidence, String doc) {
    }

    public record EvidenceRow(String subject, String status, String message) {
    }

    public static ChecklistPanel of(ChecklistReport report) {
        List<SectionRows> sections = new ArrayList<>();
        for (Section section : Section.values()) {
            List<ItemRow> items = report.items().stream().filter(i -> i.section() == section)
                    .map(ChecklistPanel::row).toList();
            sections.add(new SectionRows(section.slug(), section.title(), items));
        }
        return new ChecklistPanel(lower(report.verdict()), report.evaluatedAt(), sections);
    }

    private static ItemRow row(ChecklistItem item) {
        List<EvidenceRow> evidence = item.evidence().stream().map(ChecklistPanel::evidence).toList();
        return new ItemRow(item.id(), item.title(), lower(item.status()), lower(item.severity()), item.since(),
                evidence, item.doc() == null ? "" : item.doc());
    }

    private static EvidenceRow evidence(Evidence e) {
        return new EvidenceRow(e.subject(), lower(e.status()), e.message() == null ? "" : e.message());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
