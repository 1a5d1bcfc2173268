package dev.periscope.readiness.dr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Retention minus the age of the oldest unread record, from fixture offsets, timestamps and retention. */
class TimeToDataLossTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final long HOUR_MS = 3_600_000L;

    private static PartitionPosition p(int partition, long committed, long start, long end, Long committedTsAgoMs) {
        return new PartitionPosition(partition, committed, start, end, committedTsAgoMs == null ? OptionalLong.empty()
                : OptionalLong.of(NOW.toEpochMilli() - committedTsAgoMs));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // no lag anywhere: nothing at risk, the full retention is left
                Arguments.of(List.of(p(0, 100, 0, 100, null), p(1, 50, 10, 50, null)), 24 * HOUR_MS,
                        DataLossState.NO_DATA_AT_RISK, 0L, 86_400.0),
                // one lagging partition whose record at the committed offset is 2 h old: 22 h left
                Arguments.of(List.of(p(0, 90, 0, 100, 2 * HOUR_MS), p(1, 50, 0, 50, null)), 24 * HOUR_MS,
                        DataLossState.AT_RISK, 10L, 22 * 3600.0),
                // two lagging partitions: the oldest unread record decides (5 h old → 19 h left)
                Arguments.of(List.of(p(0, 90, 0, 100, 2 * HOUR_MS), p(1, 40, 0, 50, 5 * HOUR_MS)), 24 * HOUR_MS,
                        DataLossState.AT_RISK, 20L, 19 * 3600.0),
                // older than retention but not deleted yet (segments go whole): zero left, not negative
                Arguments.of(List.of(p(0, 90, 0, 100, 30 * HOUR_MS)), 24 * HOUR_MS, DataLossState.AT_RISK, 10L,
                        0.0),
                // the committed offset fell below the log start: records already lost
                Arguments.of(List.of(p(0, 5, 20, 100, null)), 24 * HOUR_MS, DataLossState.LOST, 80L, 0.0),
                // retention.ms = -1: unbounded
                Arguments.of(List.of(p(0, 90, 0, 100, 2 * HOUR_MS)), -1L, DataLossState.UNBOUNDED, 10L, null),
                // lag but the timestamp could not be read: unknown, never a made-up number
                Arguments.of(List.of(p(0, 90, 0, 100, null)), 24 * HOUR_MS, DataLossState.UNKNOWN, 10L, null));
    }

    @ParameterizedTest(name = "[{index}] {2} lag {3} → {4}")
    @MethodSource("cases")
    void secondsUntilLoss(List<PartitionPosition> partitions, long retentionMs, DataLossState state, long lag,
            Double seconds) {
        TimeToDataLoss t = TimeToDataLoss.of("g", "t", partitions, retentionMs, NOW);

        assertThat(t.state()).isEqualTo(state);
        assertThat(t.lagRecords()).isEqualTo(lag);
        assertThat(t.secondsUntilLoss()).isEqualTo(seconds);
    }

    @Test
    void oldestUnconsumedRecordAndGaugeValues() {
        TimeToDataLoss atRisk = TimeToDataLoss.of("g", "t", List.of(p(0, 90, 0, 100, 2 * HOUR_MS)), 24 * HOUR_MS,
                NOW);
        assertThat(atRisk.oldestUnconsumedAt()).isEqualTo(NOW.minusSeconds(7200));
        assertThat(atRisk.retentionSeconds()).isEqualTo(86_400L);
        assertThat(atRisk.gaugeValue()).isEqualTo(22 * 3600.0);

        assertThat(TimeToDataLoss.of("g", "t", List.of(p(0, 90, 0, 100, 1L)), -1, NOW).gaugeValue())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(TimeToDataLoss.of("g", "t", List.of(p(0, 90, 0, 100, null)), HOUR_MS, NOW).gaugeValue()).isNaN();
    }

    @Test
    void lagCountsFromTheLogStartWhenRecordsWereLost() {
        assertThat(p(0, 5, 20, 100, null).lag()).isEqualTo(80);
        assertThat(p(0, 5, 20, 100, null).lostRecords()).isTrue();
        assertThat(p(0, 20, 20, 100, null).lostRecords()).isFalse();
    }
}
