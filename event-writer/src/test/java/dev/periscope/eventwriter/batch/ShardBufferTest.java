package dev.periscope.eventwriter.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.periscope.eventwriter.service.IncomingRecord;

class ShardBufferTest {
    private static final String TOPIC = "t";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ShardBuffer buffer = new ShardBuffer();

    private void add(int partition, long from, long to) {
        for (long o = from; o <= to; o++) {
            buffer.add(new IncomingRecord(TOPIC, partition, o, null, new byte[10]), T0);
        }
    }

    private static List<Long> offsets(List<IncomingRecord> range) {
        return range.stream().map(IncomingRecord::offset).toList();
    }

    @Test
    void cutsOneRangePerPartitionAndCountsRowsAndBytes() {
        add(3, 5, 7);
        add(1, 0, 1);
        assertThat(buffer.rows()).isEqualTo(5);
        assertThat(buffer.bytes()).isEqualTo(50);
        assertThat(buffer.oldest()).isEqualTo(T0);

        List<List<IncomingRecord>> ranges = buffer.cut(T0.plusSeconds(1));
        assertThat(ranges).extracting(ShardBufferTest::offsets).containsExactly(List.of(0L, 1L), List.of(5L, 6L, 7L));
        assertThat(buffer.rows()).isZero();
        assertThat(buffer.bytes()).isZero();
        assertThat(buffer.oldest()).isNull();
    }

    @Test
    void anIntentCutsExactlyItsRangeAndWaitsUntilItIsComplete() {
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        buffer.requireCut(tp, new OffsetIntent(10, 14));
        add(0, 10, 12);
        assertThat(buffer.cut(T0)).isEmpty();
        assertThat(buffer.rows()).isEqualTo(3);

        add(0, 13, 20);
        Instant later = T0.plusSeconds(2);
        assertThat(buffer.cut(later)).extracting(ShardBufferTest::offsets)
                .containsExactly(List.of(10L, 11L, 12L, 13L, 14L));
        assertThat(buffer.rows()).isEqualTo(6);
        assertThat(buffer.oldest()).isEqualTo(later);
        // the intent is used up: the rest goes as one ordinary range
        assertThat(buffer.cut(later)).extracting(ShardBufferTest::offsets)
                .containsExactly(List.of(15L, 16L, 17L, 18L, 19L, 20L));
    }

    @Test
    void anIntentWhoseStartIsNoLongerInTheLogIsDropped() {
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        buffer.requireCut(tp, new OffsetIntent(10, 14));
        add(0, 12, 13);
        assertThat(buffer.cut(T0)).extracting(ShardBufferTest::offsets).containsExactly(List.of(12L, 13L));
        assertThat(buffer.intent(tp)).isNull();
    }

    @Test
    void discardForgetsAPartitionAndItsIntent() {
        TopicPartition tp = new TopicPartition(TOPIC, 2);
        add(2, 0, 4);
        add(4, 0, 0);
        buffer.requireCut(tp, new OffsetIntent(0, 9));
        buffer.discard(tp);
        assertThat(buffer.rows()).isEqualTo(1);
        assertThat(buffer.intent(tp)).isNull();
        assertThat(buffer.cut(T0)).hasSize(1);
    }

    @Test
    void aBudgetedCutTakesTheOldestRecordsUpToTheRowAndByteBudget() {
        add(0, 0, 9);
        add(1, 0, 9);
        assertThat(buffer.cut(T0, 14, Long.MAX_VALUE)).extracting(ShardBufferTest::offsets).containsExactly(
                List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), List.of(0L, 1L, 2L, 3L));
        assertThat(buffer.rows()).isEqualTo(6);
        // 10 bytes per record: a 25-byte budget takes three (the record that crosses the budget goes too)
        assertThat(buffer.cut(T0, 100, 25)).extracting(ShardBufferTest::offsets)
                .containsExactly(List.of(4L, 5L, 6L));
        assertThat(buffer.rows()).isEqualTo(3);
    }

    @Test
    void anIntentIsCutWholeEvenAboveTheBudget() {
        buffer.requireCut(new TopicPartition(TOPIC, 0), new OffsetIntent(0, 7));
        add(0, 0, 9);
        assertThat(buffer.cut(T0, 3, Long.MAX_VALUE)).extracting(ShardBufferTest::offsets)
                .containsExactly(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L));
    }
}
