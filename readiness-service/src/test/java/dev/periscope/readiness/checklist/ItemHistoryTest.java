package dev.periscope.readiness.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ItemHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static ChecklistItem item(String id, ItemStatus status, Evidence... evidence) {
        return new ChecklistItem(id, Section.SECURITY, "t", Severity.FAIL, Scope.INSTANCE, List.of(), status, T0,
                List.of(evidence), "", "default-pack.yaml");
    }

    private static ItemChange change(ChecklistItem item, ItemStatus previous, int second) {
        return new ItemChange(item.id(), previous, item, Verdict.of(List.of(item.status())), T0.plusSeconds(second),
                false);
    }

    @Test
    void keepsChangesNewestFirstWithOnlyTheEvidenceThatWasNotPassing() {
        ItemHistory history = new ItemHistory(10);
        Evidence bad = new Evidence("gw/a", ItemStatus.FAIL, "tls=false", T0);
        Evidence good = new Evidence("gw/b", ItemStatus.PASS, "tls=true", T0);

        history.record(List.of(change(item("x", ItemStatus.FAIL, bad, good), null, 0)));
        history.record(List.of(change(item("x", ItemStatus.PASS, good), ItemStatus.FAIL, 5)));

        assertThat(history.of("x")).extracting(ItemHistory.Entry::status).containsExactly(ItemStatus.PASS,
                ItemStatus.FAIL);
        assertThat(history.of("x").get(0).previous()).isEqualTo(ItemStatus.FAIL);
        assertThat(history.of("x").get(1).evidence()).containsExactly(bad);
        assertThat(history.of("x").get(0).evidence()).isEmpty();
        assertThat(history.of("never-changed")).isEmpty();
    }

    @Test
    void isBoundedPerItemAndForgetsRemovedItems() {
        ItemHistory history = new ItemHistory(3);
        for (int i = 0; i < 10; i++) {
            ItemStatus status = i % 2 == 0 ? ItemStatus.FAIL : ItemStatus.PASS;
            history.record(List.of(change(item("x", status), null, i)));
        }
        assertThat(history.of("x")).hasSize(3).extracting(ItemHistory.Entry::at)
                .containsExactly(T0.plusSeconds(9), T0.plusSeconds(8), T0.plusSeconds(7));

        history.record(List.of(new ItemChange("x", ItemStatus.PASS, null, Verdict.READY, T0.plusSeconds(11), true)));
        assertThat(history.of("x")).isEmpty();
    }
}
