package dev.periscope.eventwriter.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.MutableClock;

class BatchPolicyTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final BatchPolicy policy = new BatchPolicy(100, 1000, Duration.ofSeconds(1), clock);

    @ParameterizedTest(name = "{0} rows, {1} bytes, {2} ms after the oldest record -> {3}")
    @CsvSource({
            "0,    0,    5000, NONE",
            "1,    10,   0,    NONE",
            "99,   999,  999,  NONE",
            "100,  10,   0,    SIZE",
            "250,  5000, 0,    SIZE",
            "10,   1000, 0,    BYTES",
            "10,   1001, 2000, BYTES",
            "1,    1,    1000, INTERVAL",
            "99,   999,  1500, INTERVAL"})
    void flushesOnWhicheverBudgetComesFirst(int rows, long bytes, long elapsedMs, String expected) {
        Instant oldest = rows == 0 ? null : T0;
        clock.advance(Duration.ofMillis(elapsedMs));
        Optional<FlushTrigger> trigger = policy.decide(rows, bytes, oldest);
        assertThat(trigger.map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    @Test
    void untilDueCountsDownTheIntervalFromTheOldestRecord() {
        assertThat(policy.untilDue(null)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(300));
        assertThat(policy.untilDue(T0)).isEqualTo(Duration.ofMillis(700));
        clock.advance(Duration.ofSeconds(5));
        assertThat(policy.untilDue(T0)).isZero();
    }

    @Test
    void perShardPolicyDividesTheTotals() {
        BatchBudget budget = new BatchBudget(20_000, 8_388_608, Duration.ofSeconds(1), 20_000, 4,
                Duration.ofSeconds(20));
        BatchPolicy shard = BatchPolicy.perShard(budget, clock);
        assertThat(shard.decide(4_999, 10, T0)).isEmpty();
        assertThat(shard.decide(5_000, 10, T0)).contains(FlushTrigger.SIZE);
        assertThat(shard.decide(1, 2_097_152, T0)).contains(FlushTrigger.BYTES);
    }
}
