package dev.periscope.inventory.domain;

import static dev.periscope.inventory.domain.CardinalityBudget.Verdict.ADMITTED;
import static dev.periscope.inventory.domain.CardinalityBudget.Verdict.KNOWN;
import static dev.periscope.inventory.domain.CardinalityBudget.Verdict.OVER_GLOBAL_CAP;
import static dev.periscope.inventory.domain.CardinalityBudget.Verdict.OVER_PROJECT_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CardinalityBudgetTest {

    @Test
    void aNoisyProjectExhaustsItsOwnBudgetNotTheOthers() {
        CardinalityBudget budget = new CardinalityBudget(10, 3);

        for (int i = 0; i < 3; i++) {
            assertThat(budget.admit("noisy-" + i, "noisy")).isEqualTo(ADMITTED);
        }
        assertThat(budget.admit("noisy-3", "noisy")).isEqualTo(OVER_PROJECT_BUDGET);
        assertThat(budget.admit("quiet-0", "quiet")).isEqualTo(ADMITTED);
        assertThat(budget.admit("noisy-0", "noisy")).as("a known key is always admitted").isEqualTo(KNOWN);
        assertThat(budget.keys()).isEqualTo(4);
        assertThat(budget.keysOf("noisy")).isEqualTo(3);
    }

    @Test
    void theGlobalCapIsTheSafetyNet() {
        CardinalityBudget budget = new CardinalityBudget(4, 3);

        budget.admit("a1", "a");
        budget.admit("a2", "a");
        budget.admit("b1", "b");
        budget.admit("c1", "c");

        assertThat(budget.admit("d1", "d")).isEqualTo(OVER_GLOBAL_CAP);
        assertThat(budget.admit("a1", "a")).isEqualTo(KNOWN);
    }

    @Test
    void seededCountsAndExistingKeysCount() {
        CardinalityBudget budget = new CardinalityBudget(100, 2);
        budget.seed(Map.of("p", 2L, "q", 1L));

        assertThat(budget.admit("p-new", "p")).isEqualTo(OVER_PROJECT_BUDGET);
        budget.markExisting("p-old");
        assertThat(budget.admit("p-old", "p")).isEqualTo(KNOWN);
        assertThat(budget.admit("q-new", "q")).isEqualTo(ADMITTED);
        assertThat(budget.keys()).isEqualTo(4);
    }

    @Test
    void zeroDisablesALimit() {
        CardinalityBudget none = new CardinalityBudget(0, 0);
        CardinalityBudget globalOnly = new CardinalityBudget(2, 0);

        assertThat(none.enabled()).isFalse();
        assertThat(globalOnly.admit("x1", "x")).isEqualTo(ADMITTED);
        assertThat(globalOnly.admit("x2", "x")).isEqualTo(ADMITTED);
        assertThat(globalOnly.admit("x3", "x")).isEqualTo(OVER_GLOBAL_CAP);
    }

    @Test
    void dropsAreCountedPerProjectMostFirst() {
        CardinalityBudget budget = new CardinalityBudget(10, 1);
        budget.recordDropped("b", 5);
        budget.recordDropped("a", 2);
        budget.recordDropped("c", 5);
        budget.recordDropped("a", 1);

        assertThat(budget.droppedEvents()).isEqualTo(13);
        assertThat(budget.projectsWithDrops()).isEqualTo(3);
        assertThat(budget.topDroppedProjects(2)).containsExactly(Map.entry("b", 5L), Map.entry("c", 5L));
    }
}
