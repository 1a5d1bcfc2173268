package dev.periscope.readiness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.Evidence;
import dev.periscope.readiness.checklist.ItemStatus;
import dev.periscope.readiness.checklist.Scope;
import dev.periscope.readiness.checklist.Section;
import dev.periscope.readiness.checklist.Severity;
import dev.periscope.readiness.checklist.Verdict;
import dev.periscope.readiness.domain.InstanceView;

/** What the dashboard's panels are rendered from. */
class ChecklistPanelTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void everySectionInChecklistOrderWithItsItemsInRuleOrder() {
        ChecklistReport report = new ChecklistReport(Verdict.BLOCKED, NOW, List.of(
                item("pipeline.a", Section.PIPELINE, ItemStatus.PASS),
                item("security.b", Section.SECURITY, ItemStatus.FAIL),
                item("security.a", Section.SECURITY, ItemStatus.UNKNOWN)));

        ChecklistPanel panel = ChecklistPanel.of(report);

        assertThat(panel.verdict()).isEqualTo("blocked");
        assertThat(panel.sections()).extracting(ChecklistPanel.SectionRows::slug)
                .containsExactly("security", "ha", "observability", "edge", "pipeline");
        assertThat(panel.sections().get(0).title()).isEqualTo("Security & access");
        assertThat(panel.sections().get(0).items()).extracting(ChecklistPanel.ItemRow::id, ChecklistPanel.ItemRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("security.b", "fail"),
                        org.assertj.core.groups.Tuple.tuple("security.a", "unknown"));
        assertThat(panel.sections().get(1).items()).isEmpty();
        ChecklistPanel.ItemRow row = panel.sections().get(4).items().get(0);
        assertThat(row.severity()).isEqualTo("fail");
        assertThat(row.doc()).isEmpty();
        assertThat(row.evidence()).containsExactly(new ChecklistPanel.EvidenceRow("svc/i-1", "pass", ""));
    }

    @Test
    void anInstanceRowHasLowercaseStatusesAndAWholeSecondAge() {
        InstanceView view = new InstanceView("svc", "i-1", "1.0", "DEGRADED", null,
                List.of(new InstanceView.BackendView("kafka", "UP", null, NOW)), java.util.Map.of(),
                java.util.Map.of(), NOW, NOW, 12.6);
        InstanceRow row = InstanceRow.of(view);
        assertThat(row.status()).isEqualTo("degraded");
        assertThat(row.reason()).isEmpty();
        assertThat(row.ageSeconds()).isEqualTo(13);
        assertThat(row.backends()).containsExactly(new InstanceRow.BackendCell("kafka", "up", ""));
    }

    private static ChecklistItem item(String id, Section section, ItemStatus status) {
        return new ChecklistItem(id, section, "title of " + id, Severity.FAIL, Scope.INSTANCE, List.of("svc"), status,
                NOW, List.of(new Evidence("svc/i-1", status, null, NOW)), null, "test:1");
    }
}
