package dev.periscope.eventwriter.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetIntentTest {

    @Test
    void roundTripsThroughCommitMetadata() {
        OffsetIntent intent = new OffsetIntent(100, 249);
        assertThat(intent.metadata()).isEqualTo("periscope-insert:100-249");
        assertThat(OffsetIntent.parse(intent.metadata(), 100)).contains(intent);
    }

    @Test
    void onlyAnIntentStartingAtTheCommittedOffsetCounts() {
        assertThat(OffsetIntent.parse("periscope-insert:100-249", 250)).isEmpty();
        assertThat(OffsetIntent.parse("", 100)).isEmpty();
        assertThat(OffsetIntent.parse(null, 100)).isEmpty();
        assertThat(OffsetIntent.parse("something else", 100)).isEmpty();
        assertThat(OffsetIntent.parse("periscope-insert:100-99", 100)).isEmpty();
    }
}
