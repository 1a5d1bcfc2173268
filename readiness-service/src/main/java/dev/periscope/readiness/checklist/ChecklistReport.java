package dev.periscope.readiness.checklist;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The whole checklist at one moment, with the overall verdict. */
public record ChecklistReport(Verdict verdict, Instant evaluatedAt, List<ChecklistItem> items) {

    public int exitCode() {
        return verdict.exitCode();
    }

    public ChecklistReport section(Section section) {
        return new ChecklistReport(verdict, evaluatedAt,
                items.stream().filter(i -> i.section() == section).toList());
    }

    public Optional<ChecklistItem> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The items that are not passing: what doctor prints. */
    public List<ChecklistItem> notPassing() {
        return items.stream().filter(i -> i.status() != ItemStatus.PASS).toList();
    }
}
