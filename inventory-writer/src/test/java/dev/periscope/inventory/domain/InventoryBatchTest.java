package dev.periscope.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.AccessEvents;

class InventoryBatchTest {

    @Test
    void foldsPerKeyAndPartitionAndRemembersSources() {
        InventoryBatch<String> batch = new InventoryBatch<>();
        batch.add(AccessEvents.enriched("p", "GET", "/a", 200).build(), 0, 10, "r10");
        batch.add(AccessEvents.enriched("p", "GET", "/b", 200).build(), 0, 11, "r11");
        batch.add(AccessEvents.enriched("p", "GET", "/a", 500).build(), 0, 12, "r12");
        batch.add(AccessEvents.enriched("p", "GET", "/a", 200).build(), 1, 5, "r5");

        assertThat(batch.eventCount()).isEqualTo(4);
        assertThat(batch.deltas()).hasSize(3);
        assertThat(batch.deltas().get(0).count()).isEqualTo(2);
        assertThat(batch.deltas().get(0).statusCounts()).containsEntry("200", 1L).containsEntry("500", 1L);
        assertThat(batch.slots().get(0).sources()).containsExactly("r10", "r12");
        assertThat(batch.slots().get(0).projectId()).isEqualTo("p");
        assertThat(batch.deltas().get(2).partition()).isEqualTo(1);
        assertThat(batch.deltas().get(2).id()).isEqualTo(batch.deltas().get(0).id());
    }

    /** A replay after a crash: the document applied offsets up to 12, the slot holds 10..16. */
    @Test
    void slotFoldsAgainFromTheFirstOffsetNotYetApplied() {
        InventoryBatch<String> batch = new InventoryBatch<>();
        for (long offset = 10; offset <= 16; offset++) {
            batch.add(AccessEvents.enriched("p", "GET", "/a", offset % 2 == 0 ? 200 : 503).build(), 2, offset,
                    "r" + offset);
        }
        InventoryBatch.Slot<String> slot = batch.slots().get(0);

        InventoryDelta rest = slot.deltaAfter(12).orElseThrow();

        assertThat(rest.count()).isEqualTo(4);
        assertThat(rest.firstOffset()).isEqualTo(13);
        assertThat(rest.lastOffset()).isEqualTo(16);
        assertThat(rest.statusCounts()).containsEntry("503", 2L).containsEntry("200", 2L);
        assertThat(slot.eventsUpTo(12)).isEqualTo(3);
        assertThat(slot.sourcesAfter(12)).containsExactly("r13", "r14", "r15", "r16");
        assertThat(slot.deltaAfter(16)).isEmpty();
        assertThat(slot.deltaAfter(-1).orElseThrow().count()).isEqualTo(7);
    }
}
