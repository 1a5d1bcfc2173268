package dev.periscope.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.periscope.inventory.fencing.Fencing;
import dev.periscope.inventory.fencing.OffsetIntent;
import dev.periscope.inventory.service.BatchWriter;

/** The consumer loop against Kafka's MockConsumer: intents read at assignment, committed before each write. */
class EnrichedEventLoopTest {
    private static final String TOPIC = "enriched";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final int PROBED_OFFSETS = 500;

    private final RebalancingConsumer consumer = new RebalancingConsumer();
    private final RecordingWriter writer = new RecordingWriter();
    private final EnrichedEventLoop loop = new EnrichedEventLoop(consumer, TOPIC, writer, Duration.ofMinutes(5));

    @Test
    void aRecoveredIntentIsFencedAndEverythingAfterItGoesByIdAlone() {
        consumer.schedulePollTask(() -> {
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(100, new OffsetIntent(100, 249).metadata())));
            assign(P0);
            records(P0, 100, 400);
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(writer.batches).hasSize(1);
        Batch batch = writer.batches.get(0);
        assertThat(batch.committedBeforeWrite().get(P0))
                .as("intent committed before the write: the batch's range and the recovered one")
                .isEqualTo(new OffsetAndMetadata(100, new OffsetIntent(100, 399).metadata()));
        assertThat(batch.fenced(0, 100)).isTrue();
        assertThat(batch.fenced(0, 249)).isTrue();
        assertThat(batch.fenced(0, 250)).isFalse();
        assertThat(writer.lookups).as("an intent needs no store lookup").isEmpty();
        assertThat(consumer.committed(Set.of(P0)).get(P0)).as("clean hand-over at shutdown")
                .isEqualTo(new OffsetAndMetadata(400, OffsetIntent.clean(400).metadata()));
        assertThat(consumer.closedByLoop).isTrue();
    }

    @Test
    void withoutAnIntentTheStoreBoundsWhatMayBeApplied() {
        writer.highestApplied = 149;
        consumer.schedulePollTask(() -> {
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(100))); // an older writer's plain commit
            assign(P0);
            records(P0, 100, 300);
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(writer.lookups).containsExactly(0);
        Batch batch = writer.batches.get(0);
        assertThat(batch.fenced(0, 149)).isTrue();
        assertThat(batch.fenced(0, 150)).isFalse();
        assertThat(batch.committedBeforeWrite().get(P0))
                .isEqualTo(new OffsetAndMetadata(100, new OffsetIntent(100, 299).metadata()));
    }

    @Test
    void aFreshGroupStartsFromTheStoreBoundAndLaterBatchesAreNotFenced() {
        writer.highestApplied = -1;
        consumer.schedulePollTask(() -> {
            assign(P0, P1);
            records(P0, 0, 50);
            records(P1, 0, 20);
        });
        consumer.schedulePollTask(() -> records(P0, 50, 100));
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(writer.batches).hasSize(2);
        assertThat(writer.batches.get(0).fenced(0, 0)).isFalse();
        assertThat(writer.batches.get(0).fenced(1, 0)).isFalse();
        Batch second = writer.batches.get(1);
        assertThat(second.committedBeforeWrite().get(P0))
                .isEqualTo(new OffsetAndMetadata(50, new OffsetIntent(50, 99).metadata()));
        assertThat(second.committedBeforeWrite().get(P1)).as("untouched partition keeps its intent")
                .isEqualTo(new OffsetAndMetadata(0, new OffsetIntent(0, 19).metadata()));
        assertThat(second.fenced(0, 49)).as("already written by this process").isTrue();
        assertThat(second.fenced(0, 50)).isFalse();
    }

    @Test
    void aRevokedPartitionIsHandedOverCleanly() {
        consumer.schedulePollTask(() -> {
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(0, OffsetIntent.clean(0).metadata()),
                    P1, new OffsetAndMetadata(0, OffsetIntent.clean(0).metadata())));
            assign(P0, P1);
            records(P0, 0, 30);
            records(P1, 0, 10);
        });
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
        consumer.scheduleNopPollTask();
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(consumer.lastCommit(P1)).as("committed in the revocation callback")
                .isEqualTo(new OffsetAndMetadata(10, OffsetIntent.clean(10).metadata()));
        assertThat(consumer.lastCommit(P0)).as("kept, and handed over at shutdown")
                .isEqualTo(new OffsetAndMetadata(30, OffsetIntent.clean(30).metadata()));
        assertThat(writer.ownershipChangesAfterBatches).as("the writer hears of the assignment and the revocation")
                .contains(0, 1);
    }

    @Test
    void aFailedBatchIsNotHandedOver() {
        writer.failing = true;
        consumer.schedulePollTask(() -> {
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(0, OffsetIntent.clean(0).metadata())));
            assign(P0);
            records(P0, 0, 30);
        });

        loop.run();

        assertThat(consumer.committed(Set.of(P0)).get(P0)).as("only the intent; the next owner fences 0-29")
                .isEqualTo(new OffsetAndMetadata(0, new OffsetIntent(0, 29).metadata()));
    }

    private void assign(TopicPartition... partitions) {
        consumer.rebalance(List.of(partitions));
        for (TopicPartition tp : partitions) {
            consumer.updateBeginningOffsets(Map.of(tp, 0L));
        }
    }

    private void records(TopicPartition tp, long from, long to) {
        for (long offset = from; offset < to; offset++) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), offset, new byte[0], new byte[0]));
        }
    }

    /**
     * MockConsumer with the rebalance callbacks it lacks (revoked, then assigned, as the group protocol calls them
     * inside poll) and a close that keeps the committed offsets readable.
     */
    private static final class RebalancingConsumer extends MockConsumer<byte[], byte[]> {
        private ConsumerRebalanceListener listener;
        private final Map<TopicPartition, OffsetAndMetadata> lastCommits = new java.util.HashMap<>();
        boolean closedByLoop;

        /** The mock answers {@code committed} only for assigned partitions. */
        OffsetAndMetadata lastCommit(TopicPartition tp) {
            return lastCommits.get(tp);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            lastCommits.putAll(offsets);
            super.commitSync(offsets);
        }

        RebalancingConsumer() {
            super("earliest");
        }

        @Override
        public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
            this.listener = listener;
            super.subscribe(topics, listener);
        }

        @Override
        public synchronized void rebalance(Collection<TopicPartition> assignment) {
            Set<TopicPartition> revoked = new HashSet<>(assignment());
            revoked.removeAll(assignment);
            Set<TopicPartition> added = new HashSet<>(assignment);
            added.removeAll(assignment());
            listener.onPartitionsRevoked(revoked);
            super.rebalance(assignment);
            listener.onPartitionsAssigned(added);
        }

        @Override
        public synchronized void close(Duration timeout) {
            closedByLoop = true;
        }
    }

    /** What the writer was given, with the fencing decisions as they were at write time. */
    private record Batch(List<Long> offsets, boolean[][] fencedAtWrite,
            Map<TopicPartition, OffsetAndMetadata> committedBeforeWrite) {
        boolean fenced(int partition, long firstOffset) {
            return fencedAtWrite[partition][(int) firstOffset];
        }
    }

    private final class RecordingWriter implements BatchWriter {
        final List<Batch> batches = new ArrayList<>();
        final List<Integer> lookups = new ArrayList<>();
        /** For every partitionsChanged call, how many batches had been applied before it. */
        final List<Integer> ownershipChangesAfterBatches = new ArrayList<>();
        long highestApplied = -1;
        boolean failing;

        @Override
        public void apply(List<ConsumerRecord<byte[], byte[]>> records, Fencing fencing) {
            if (failing) {
                throw new IllegalStateException("stopping while MongoDB is failing");
            }
            boolean[][] fenced = new boolean[2][PROBED_OFFSETS];
            for (int partition = 0; partition < 2; partition++) {
                for (int offset = 0; offset < PROBED_OFFSETS; offset++) {
                    fenced[partition][offset] = fencing.fenced(partition, offset);
                }
            }
            batches.add(new Batch(records.stream().map(ConsumerRecord::offset).toList(), fenced,
                    consumer.committed(Set.of(P0, P1))));
        }

        @Override
        public void partitionsChanged() {
            ownershipChangesAfterBatches.add(batches.size());
        }

        @Override
        public long highestApplied(int partition) {
            lookups.add(partition);
            return highestApplied;
        }
    }
}
