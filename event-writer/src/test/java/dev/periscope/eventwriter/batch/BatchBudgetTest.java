package dev.periscope.eventwriter.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchBudgetTest {

    @ParameterizedTest(name = "BATCH_SHARDS={0} on {1} cores -> {2}")
    @CsvSource({"0, 1, 2", "0, 2, 4", "0, 3, 6", "0, 4, 8", "0, 64, 8", "3, 64, 3", "12, 1, 12"})
    void autoShardsAreTwicePerCoreCappedAtEight(int configured, int cores, int expected) {
        assertThat(BatchBudget.resolveShards(configured, cores)).isEqualTo(expected);
    }

    @Test
    void budgetsAreDividedAcrossShards() {
        BatchBudget budget = new BatchBudget(20_000, 8_388_608, Duration.ofSeconds(1), 20_000, 8,
                Duration.ofSeconds(20));
        assertThat(budget.rowsPerShard()).isEqualTo(2_500);
        assertThat(budget.bytesPerShard()).isEqualTo(1_048_576);
        assertThat(budget.queuePerShard()).isEqualTo(2_500);
    }

    @Test
    void nonsenseBudgetsAreRefused() {
        assertThatThrownBy(() -> new BatchBudget(0, 1, Duration.ofSeconds(1), 1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchBudget(1, 1, Duration.ZERO, 1, 1, Duration.ZERO))
                .hasMessageContaining("BATCH_FLUSH_INTERVAL");
        assertThatThrownBy(() -> BatchBudget.resolveShards(-1, 2)).hasMessageContaining("BATCH_SHARDS");
    }
}
