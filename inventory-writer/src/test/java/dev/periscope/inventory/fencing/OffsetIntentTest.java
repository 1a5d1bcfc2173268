package dev.periscope.inventory.fencing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OffsetIntentTest {

    @Test
    void metadataRoundTripsAtItsOwnOffset() {
        OffsetIntent intent = new OffsetIntent(1200, 1349);

        assertThat(intent.metadata()).isEqualTo("periscope-inventory-intent:1200-1349");
        assertThat(OffsetIntent.parse(intent.metadata(), 1200)).contains(intent);
    }

    @Test
    void aCleanHandOverSaysNothingAtOrAfterTheOffsetIsApplied() {
        OffsetIntent clean = OffsetIntent.clean(500);

        assertThat(clean.mayBeAppliedThrough()).isEqualTo(499);
        assertThat(OffsetIntent.parse(clean.metadata(), 500)).contains(clean);
        assertThat(OffsetIntent.parse(OffsetIntent.clean(0).metadata(), 0)).contains(new OffsetIntent(0, -1));
    }

    @ParameterizedTest(name = "[{index}] metadata \"{0}\" at offset {1} -> no intent")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | 10",                                                 // a commit without metadata (older writer)
        "'' | 10",                                                   // empty metadata
        "periscope-insert:10-20 | 10",                               // event-writer's format, not ours
        "periscope-inventory-intent:10-20 | 11",                     // made for another offset (moved by a tool)
        "periscope-inventory-intent:10-8 | 10",                      // bound below offset - 1: malformed
        "periscope-inventory-intent:10-x | 10",
        "periscope-inventory-intent:99999999999999999999-1 | 10",    // does not fit a long
        "periscope-inventory-intent:10-20 trailing | 10",
    })
    void anythingElseIsNoIntent(String metadata, long committedOffset) {
        assertThat(OffsetIntent.parse(metadata, committedOffset)).isEqualTo(Optional.empty());
    }

    @Test
    void aBoundBelowTheOffsetMinusOneIsRefused() {
        assertThatThrownBy(() -> new OffsetIntent(10, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetIntent(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
