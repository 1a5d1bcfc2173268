package dev.periscope.readiness.checklist;

import java.time.Instant;
import java.util.List;

/** One evaluated checklist item; {@code since} is when its status last changed. */
public record ChecklistItem(
        String id,
        Section section,
        String title,
        Severity severity,
        Scope scope,
        List<String> services,
        ItemStatus status,
        Instant since,
        List<Evidence> evidence,
        String doc,
        String source) {
}
