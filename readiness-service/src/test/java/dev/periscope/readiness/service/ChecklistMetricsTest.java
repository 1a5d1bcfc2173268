package dev.periscope.readiness.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.readiness.checklist.ChecklistItem;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.ItemStatus;
import dev.periscope.readiness.checklist.Scope;
import dev.periscope.readiness.checklist.Section;
import dev.periscope.readiness.checklist.Severity;
import dev.periscope.readiness.checklist.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ChecklistMetricsTest {
    private static ChecklistItem item(String id, Section section, ItemStatus status) {
        return new ChecklistItem(id, section, id, Severity.FAIL, Scope.INSTANCE, List.of(), status, Instant.EPOCH,
                List.of(), "", "f:1");
    }

    @Test
    void verdictAndItemStatusGauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ChecklistMetrics metrics = new ChecklistMetrics(registry);

        metrics.record(new ChecklistReport(Verdict.BLOCKED, Instant.EPOCH, List.of(
                item("a", Section.SECURITY, ItemStatus.FAIL), item("b", Section.HA, ItemStatus.UNKNOWN))));
        metrics.record(new ChecklistReport(Verdict.DEGRADED, Instant.EPOCH, List.of(
                item("a", Section.SECURITY, ItemStatus.WARN), item("b", Section.HA, ItemStatus.PASS))));

        assertThat(registry.get("periscope.readiness.verdict").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("periscope.readiness.item.status").tags("item", "a", "section", "security").gauge()
                .value()).isEqualTo(2.0);
        assertThat(registry.get("periscope.readiness.item.status").tags("item", "b", "section", "ha").gauge()
                .value()).isEqualTo(0.0);
    }
}
