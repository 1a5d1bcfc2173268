package dev.periscope.inventory.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.periscope.inventory.fencing.Fencing;
import dev.periscope.inventory.fencing.OffsetIntent;
import dev.periscope.inventory.fencing.PartitionFences;
import dev.periscope.inventory.service.BatchWriter;

/**
 * The consumer thread, the only one touching the KafkaConsumer: poll a batch, commit its {@link OffsetIntent}s,
 * apply it, poll again. Because everything happens between two polls of one thread, a partition cannot move to
 * another member between the intent commit and the write (a rebalance runs inside {@code poll}), and records of a
 * partition never arrive twice except after a position reset (rebalance), which the fences cover.
 * <ul>
 * <li>On assignment the committed offset's intent says which offsets may be applied already; without one (first
 * start, an older writer, a moved offset) the store's highest {@code applied.<partition>} says it.</li>
 * <li>Before each write: one {@code commitSync} of every partition's intent. If it fails (rebalance, broker
 * away), the batch is written fully fenced, which is always safe.</li>
 * <li>Slots at or below a partition's bound use the fenced filter, the rest {@code _id} alone (first attempt
 * only; a write that would start later than half of {@code max.poll.interval.ms} after the poll is fenced too,
 * because the group may have given the partition away by then).</li>
 * <li>On revocation and at shutdown a clean hand-over (position, bound) is committed.</li>
 * </ul>
 */
public final class EnrichedEventLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(EnrichedEventLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final BatchWriter writer;
    private final long fenceAfterNanos;
    private final PartitionFences fences = new PartitionFences();
    private volatile boolean running = true;
    private Runnable onFailure = () -> { };

    public EnrichedEventLoop(Consumer<byte[], byte[]> consumer, String topic, BatchWriter writer,
            Duration maxPollInterval) {
        this.consumer = consumer;
        this.topic = topic;
        this.writer = writer;
        this.fenceAfterNanos = maxPollInterval.toNanos() / 2;
    }

    /** Called once when the loop dies of an unexpected error. */
    public void onFailure(Runnable action) {
        this.onFailure = action;
    }

    /** Ends the loop after the batch in hand (its next poll returns within {@code POLL}). */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        boolean failed = false;
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                step();
            }
            handOver(consumer.assignment());
        } catch (RuntimeException e) {
            failed = running;
            if (failed) {
                LOG.error("consumer loop failed; the process exits so it is restarted (the committed intents"
                        + " fence what may have been applied)", e);
            }
            running = false;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
        if (failed) {
            onFailure.run();
        }
    }

    private void step() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        long polledAt = System.nanoTime();
        if (records.isEmpty()) {
            return;
        }
        for (TopicPartition tp : records.partitions()) {
            if (!fences.isResolved(tp.partition())) {
                fences.resolved(tp.partition(), writer.highestApplied(tp.partition()));
            }
        }
        Fencing fencing = commitIntents(records) ? fences : Fencing.ALWAYS;
        Fencing timely = (partition, firstOffset) -> System.nanoTime() - polledAt > fenceAfterNanos
                || fencing.fenced(partition, firstOffset);
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        writer.apply(batch, timely);
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(tp);
            fences.applied(tp.partition(), ofPartition.get(ofPartition.size() - 1).offset());
        }
    }

    /** @return whether every partition's intent is committed (else the batch must be written fully fenced) */
    private boolean commitIntents(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> intents = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(tp);
            long first = ofPartition.get(0).offset();
            long last = ofPartition.get(ofPartition.size() - 1).offset();
            intents.put(tp, new OffsetAndMetadata(first, fences.intentFor(tp.partition(), first, last).metadata()));
        }
        try {
            consumer.commitSync(intents);
            return true;
        } catch (KafkaException e) {
            LOG.warnf("committing the batch's intents failed (%s); writing it fully fenced", e.toString());
            return false;
        }
    }

    /** Commits (position, bound) for partitions this instance is giving up cleanly. */
    private void handOver(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (fences.isResolved(tp.partition())) {
                long position = consumer.position(tp);
                offsets.put(tp, new OffsetAndMetadata(position, fences.handOver(tp.partition(), position).metadata()));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            LOG.infof("hand-over commit failed (%s); the next owner fences the last intent instead", e.toString());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            writer.partitionsChanged();
            try {
                handOver(partitions);
            } catch (KafkaException e) {
                LOG.infof("hand-over of %s skipped (%s)", partitions, e.toString());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // already owned by another member: nothing may be committed for them
            writer.partitionsChanged();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            writer.partitionsChanged();
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = consumer.committed(new HashSet<>(partitions));
            } catch (KafkaException e) {
                LOG.warnf("reading the committed intents of %s failed (%s); bounding them from the store",
                        partitions, e.toString());
                committed = Map.of();
            }
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                Optional<OffsetIntent> intent = offset == null ? Optional.empty()
                        : OffsetIntent.parse(offset.metadata(), offset.offset());
                fences.assigned(tp.partition(), intent);
                intent.ifPresent(i -> {
                    if (i.mayBeAppliedThrough() >= i.committedOffset()) {
                        LOG.infof("%s: offsets %d-%d may be applied already; they are written fenced", tp,
                                i.committedOffset(), i.mayBeAppliedThrough());
                    }
                });
            }
        }
    }
}
