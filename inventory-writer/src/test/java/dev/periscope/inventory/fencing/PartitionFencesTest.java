package dev.periscope.inventory.fencing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionFencesTest {
    private final PartitionFences fences = new PartitionFences();

    /** A recovered intent 100-249 on partition 2: which slots (by first offset) are fenced. */
    @ParameterizedTest(name = "[{index}] slot starting at {0}: fenced={1}")
    @CsvSource({
        "100, true",  // first offset of the interrupted batch
        "180, true",  // inside it
        "249, true",  // its last offset
        "250, false", // the first offset no intent covers
        "9000, false",
    })
    void onlySlotsStartingInsideARecoveredIntentAreFenced(long firstOffset, boolean fenced) {
        fences.assigned(2, Optional.of(new OffsetIntent(100, 249)));

        assertThat(fences.fenced(2, firstOffset)).isEqualTo(fenced);
    }

    @Test
    void aCleanHandOverFencesNothingAfterIt() {
        fences.assigned(0, Optional.of(OffsetIntent.clean(300)));

        assertThat(fences.fenced(0, 300)).isFalse();
        assertThat(fences.fenced(0, 299)).as("polled again below the commit").isTrue();
    }

    @Test
    void withoutAnIntentThePartitionIsFencedUntilTheStoreAnswers() {
        fences.assigned(1, Optional.empty());

        assertThat(fences.unresolved()).containsExactly(1);
        assertThat(fences.fenced(1, 1_000_000)).isTrue();
        assertThatThrownBy(() -> fences.intentFor(1, 10, 20)).isInstanceOf(IllegalStateException.class);

        fences.resolved(1, 4_999);

        assertThat(fences.unresolved()).isEmpty();
        assertThat(fences.fenced(1, 4_999)).isTrue();
        assertThat(fences.fenced(1, 5_000)).isFalse();
        assertThat(fences.intentFor(1, 3_000, 3_149))
                .as("the first batch after an older writer covers everything it may have applied")
                .isEqualTo(new OffsetIntent(3_000, 4_999));
    }

    @Test
    void anUnassignedOrUnknownPartitionIsAlwaysFenced() {
        assertThat(fences.fenced(7, 0)).isTrue();
        assertThat(fences.fenced(-1, 0)).isTrue();
        assertThat(fences.isResolved(7)).isFalse();
    }

    @Test
    void theIntentOfABatchCoversItsRangeAndEverythingAlreadyPossiblyApplied() {
        fences.assigned(0, Optional.of(new OffsetIntent(100, 249)));

        assertThat(fences.intentFor(0, 100, 149)).as("a smaller batch polled again after the crash")
                .isEqualTo(new OffsetIntent(100, 249));
        assertThat(fences.intentFor(0, 250, 399)).isEqualTo(new OffsetIntent(250, 399));
    }

    @Test
    void ownWritesRaiseTheBoundSoRecordsPolledAgainAreFenced() {
        fences.assigned(0, Optional.of(OffsetIntent.clean(0)));
        fences.applied(0, 999);

        assertThat(fences.fenced(0, 500)).isTrue();
        assertThat(fences.fenced(0, 1000)).isFalse();
        assertThat(fences.handOver(0, 1000)).isEqualTo(OffsetIntent.clean(1000));
        assertThat(fences.handOver(0, 600)).as("position reset below what was applied")
                .isEqualTo(new OffsetIntent(600, 999));
    }

    @Test
    void theBoundNeverGoesDownOnReassignment() {
        fences.assigned(0, Optional.of(OffsetIntent.clean(0)));
        fences.applied(0, 999);

        fences.assigned(0, Optional.of(new OffsetIntent(400, 499))); // an older intent read back

        assertThat(fences.fenced(0, 999)).isTrue();
        assertThat(fences.fenced(0, 1000)).isFalse();

        fences.assigned(0, Optional.of(new OffsetIntent(1000, 1999))); // another owner went further

        assertThat(fences.fenced(0, 1999)).isTrue();
        assertThat(fences.fenced(0, 2000)).isFalse();
    }

    @Test
    void partitionsAreIndependent() {
        fences.assigned(0, Optional.of(new OffsetIntent(100, 249)));
        fences.assigned(1, Optional.of(OffsetIntent.clean(100)));

        assertThat(fences.fenced(0, 200)).isTrue();
        assertThat(fences.fenced(1, 200)).isFalse();
    }
}
