package dev.periscope.eventwriter.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.periscope.eventwriter.batch.BatchBudget;
import dev.periscope.eventwriter.batch.BatchPolicy;
import dev.periscope.eventwriter.batch.FlushTrigger;
import dev.periscope.eventwriter.batch.OffsetIntent;
import dev.periscope.eventwriter.batch.ShardBuffer;
import dev.periscope.eventwriter.service.EventBatchProcessor;
import dev.periscope.eventwriter.service.IncomingRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consumer thread: polls periscope.access.enriched.v1, routes each partition to a shard ({@code partition mod
 * shards}), flushes a shard on its {@link BatchPolicy} into the shard's own worker (one insert in flight per shard),
 * and commits offsets only after the insert was acknowledged. Before an insert it commits the range as an
 * {@link OffsetIntent}, so a crash between insert and commit replays the identical range and token. When ClickHouse
 * is away the shard's insert keeps retrying, buffers fill up to BATCH_QUEUE_SIZE and consumption pauses (lag grows,
 * nothing is lost); it resumes by itself. Only this thread touches the KafkaConsumer.
 */
public final class EnrichedEventLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(EnrichedEventLoop.class);
    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final EventBatchProcessor processor;
    private final BatchBudget budget;
    private final BatchPolicy policy;
    private final ExecutorService workers;
    private final MeterRegistry registry;
    private final ShardBuffer[] shards;
    private final List<Future<Map<TopicPartition, OffsetAndMetadata>>> inFlight;
    private final Map<Integer, List<List<IncomingRecord>>> inFlightRanges = new HashMap<>();
    private volatile boolean running = true;
    private boolean paused;
    private Runnable onFailure = () -> { };

    public EnrichedEventLoop(Consumer<byte[], byte[]> consumer, String topic, EventBatchProcessor processor,
            BatchBudget budget, BatchPolicy policy, ExecutorService workers, MeterRegistry registry) {
        this.consumer = consumer;
        this.topic = topic;
        this.processor = processor;
        this.budget = budget;
        this.policy = policy;
        this.workers = workers;
        this.registry = registry;
        this.shards = new ShardBuffer[budget.shards()];
        this.inFlight = new ArrayList<>();
        for (int i = 0; i < shards.length; i++) {
            ShardBuffer shard = new ShardBuffer();
            shards[i] = shard;
            inFlight.add(null);
            Gauge.builder("periscope.batcher.queue.depth", shard, ShardBuffer::rows).tag("shard", Integer.toString(i))
                    .register(registry);
        }
    }

    /** Called once when the loop dies of an unexpected error (after its drain). */
    public void onFailure(Runnable action) {
        this.onFailure = action;
    }

    /** Ends the loop: it drains (bounded by BATCH_SHUTDOWN_DRAIN_TIMEOUT) and closes the consumer. */
    public void stop() {
        running = false; // the next poll returns within MAX_POLL; no wakeup, so the drain's commits are not interrupted
    }

    @Override
    public void run() {
        boolean failed = false;
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                step();
            }
        } catch (RuntimeException e) {
            LOG.error("consumer loop failed; the process exits so it is restarted (uncommitted ranges replay"
                    + " with their intents)", e);
            running = false;
            failed = true;
        } finally {
            try {
                drain();
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }
        if (failed) {
            onFailure.run();
        }
    }

    private void step() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
        Instant now = policy.now();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            shards[shardOf(record.partition())].add(new IncomingRecord(record.topic(), record.partition(),
                    record.offset(), record.key(), record.value()), now);
        }
        collect(false, Duration.ZERO);
        for (int i = 0; i < shards.length; i++) {
            if (inFlight.get(i) == null) {
                int shard = i;
                policy.decide(shards[i].rows(), shards[i].bytes(), shards[i].oldest())
                        .ifPresent(trigger -> launch(shard, trigger));
            }
        }
        applyBackpressure();
    }

    private Duration pollTimeout() {
        Duration timeout = MAX_POLL;
        for (ShardBuffer shard : shards) {
            Duration due = policy.untilDue(shard.oldest());
            if (due.compareTo(timeout) < 0) {
                timeout = due;
            }
        }
        return timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }

    private int shardOf(int partition) {
        return Math.floorMod(partition, shards.length);
    }

    private void launch(int shard, FlushTrigger trigger) {
        List<List<IncomingRecord>> ranges = trigger == FlushTrigger.SHUTDOWN ? shards[shard].cut(policy.now())
                : shards[shard].cut(policy.now(), budget.rowsPerShard(), budget.bytesPerShard());
        if (ranges.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> intents = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        List<IncomingRecord> records = new ArrayList<>();
        for (List<IncomingRecord> range : ranges) {
            IncomingRecord first = range.get(0);
            IncomingRecord last = range.get(range.size() - 1);
            TopicPartition tp = new TopicPartition(first.topic(), first.partition());
            intents.put(tp, new OffsetAndMetadata(first.offset(),
                    new OffsetIntent(first.offset(), last.offset()).metadata()));
            done.put(tp, new OffsetAndMetadata(last.offset() + 1));
            records.addAll(range);
        }
        consumer.commitSync(intents);
        registry.counter("periscope.flush.count", "trigger", trigger.label()).increment();
        inFlightRanges.put(shard, ranges);
        inFlight.set(shard, workers.submit(() -> {
            processor.process(records);
            return done;
        }));
    }

    /** Commits every finished insert; with {@code wait}, waits up to {@code budget} for the unfinished ones. */
    private void collect(boolean wait, Duration waitBudget) {
        long deadline = System.nanoTime() + waitBudget.toNanos();
        for (int i = 0; i < shards.length; i++) {
            Future<Map<TopicPartition, OffsetAndMetadata>> future = inFlight.get(i);
            if (future == null || (!wait && !future.isDone())) {
                continue;
            }
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                Map<TopicPartition, OffsetAndMetadata> offsets = wait ? future.get(left, TimeUnit.NANOSECONDS)
                        : future.get();
                commit(offsets);
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (!(cause instanceof EventBatchProcessor.StoppedException)) {
                    registry.counter("periscope.batch.flush.errors", "kind", "panic").increment();
                    LOG.errorf(cause, "flush of shard %d failed unexpectedly; its records are consumed again", i);
                    replay(i);
                }
            }
            inFlight.set(i, null);
            inFlightRanges.remove(i);
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
        owned.keySet().retainAll(consumer.assignment());
        if (owned.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(owned);
        } catch (RuntimeException e) {
            // the intent committed before the insert makes the next owner repeat the same insert, deduplicated
            LOG.warnf("offset commit after a stored insert failed (%s); the range is replayed and deduplicated",
                    e.toString());
        }
    }

    /** Seeks a failed shard's partitions back to the start of their range: they are polled and cut again. */
    private void replay(int shard) {
        List<List<IncomingRecord>> ranges = inFlightRanges.getOrDefault(shard, List.of());
        for (List<IncomingRecord> range : ranges) {
            IncomingRecord first = range.get(0);
            TopicPartition tp = new TopicPartition(first.topic(), first.partition());
            if (consumer.assignment().contains(tp)) {
                shards[shard].discard(tp);
                shards[shard].requireCut(tp, new OffsetIntent(first.offset(), range.get(range.size() - 1).offset()));
                consumer.seek(tp, first.offset());
            }
        }
    }

    private void applyBackpressure() {
        int buffered = 0;
        for (ShardBuffer shard : shards) {
            buffered += shard.rows();
        }
        if (!paused && buffered >= budget.queueSize()) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.warnf("%d records buffered (BATCH_QUEUE_SIZE %d): consumption paused until inserts catch up",
                    buffered, budget.queueSize());
        } else if (paused && buffered < budget.queueSize() / 2) {
            consumer.resume(consumer.paused());
            paused = false;
            LOG.info("consumption resumed");
        }
    }

    /** Final flush at shutdown, bounded by BATCH_SHUTDOWN_DRAIN_TIMEOUT; what does not make it is replayed later. */
    private void drain() {
        Duration timeout = budget.shutdownDrainTimeout();
        long deadline = System.nanoTime() + (timeout.isZero() ? Long.MAX_VALUE / 4 : timeout.toNanos());
        try {
            collect(true, remaining(deadline));
            for (int i = 0; i < shards.length; i++) {
                if (inFlight.get(i) == null && shards[i].rows() > 0) {
                    launch(i, FlushTrigger.SHUTDOWN);
                }
            }
            collect(true, remaining(deadline));
        } catch (RuntimeException e) {
            LOG.warnf("shutdown drain incomplete: %s; uncommitted records are consumed again after the restart",
                    e.toString());
        } finally {
            processor.stop();
            collect(true, Duration.ofSeconds(2));
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            collect(true, budget.shutdownDrainTimeout());
            for (TopicPartition tp : partitions) {
                shards[shardOf(tp.partition())].discard(tp);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<TopicPartition> assigned = new HashSet<>(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            committed.forEach((tp, offset) -> {
                if (offset == null) {
                    return;
                }
                OffsetIntent.parse(offset.metadata(), offset.offset()).ifPresent(intent -> {
                    LOG.infof("%s: replaying the interrupted insert %d-%d with its original token", tp,
                            intent.firstOffset(), intent.lastOffset());
                    shards[shardOf(tp.partition())].requireCut(tp, intent);
                });
            });
        }
    }
}
