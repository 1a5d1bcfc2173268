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
        assertThat(batch.sourcesOf(0)).containsExactly("r10", "r12");
        assertThat(batch.deltas().get(2).partition()).isEqualTo(1);
        assertThat(batch.deltas().get(2).id()).isEqualTo(batch.deltas().get(0).id());
    }
}
