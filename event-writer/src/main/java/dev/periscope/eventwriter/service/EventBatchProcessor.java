package dev.periscope.eventwriter.service;

import dev.periscope.kit.retry.RetryBackoff;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

import java.util.function.IntSupplier;

import dev.periscope.eventwriter.sampling.RawSampler;
import dev.periscope.eventwriter.writer.AccessEventWriter;
import dev.periscope.eventwriter.writer.RawRow;
import dev.periscope.eventwriter.writer.SinkException;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores one polled batch: parses each record (poison goes to the dead-letter topic), then inserts each partition's
 * events with the partition's deduplication token. Returns only when every record is stored or dead-lettered, so
 * the caller may commit; while the sink is unavailable it waits with capped exponential back-off (consumption
 * pauses, nothing is lost) until it succeeds or {@link #stop()} is called.
 */
public class EventBatchProcessor {
    private static final Logger LOG = Logger.getLogger(EventBatchProcessor.class);

    /** Sends a record that cannot be stored to the dead-letter topic; completes when the broker acknowledged. */
    @FunctionalInterface
    public interface DeadLetters {
        CompletionStage<Void> publish(IncomingRecord record, Throwable error, int attempts);
    }

    /** Waits before a retry; returns false when the processor was stopped meanwhile. */
    @FunctionalInterface
    public interface Pause {
        boolean await(Duration delay);
    }

    /** Thrown out of {@link #process} when the service stops while a batch is still unstored: do not commit. */
    public static class StoppedException extends RuntimeException {
        StoppedException() {
            super("stopped before the batch was stored; it will be consumed again");
        }
    }

    private final AccessEventWriter sink;
    private final DeadLetters deadLetters;
    private final RetryBackoff backoff;
    private final Duration deadLetterTimeout;
    private final MeterRegistry registry;
    private final AccessEventDeserializer deserializer = new AccessEventDeserializer();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Pause pause;
    private final IntSupplier sampleRate;

    public EventBatchProcessor(AccessEventWriter sink, DeadLetters deadLetters, RetryBackoff backoff,
            Duration deadLetterTimeout, MeterRegistry registry, IntSupplier sampleRate) {
        this(sink, deadLetters, backoff, deadLetterTimeout, registry, sampleRate, null);
    }

    EventBatchProcessor(AccessEventWriter sink, DeadLetters deadLetters, RetryBackoff backoff, Duration deadLetterTimeout,
            MeterRegistry registry, IntSupplier sampleRate, Pause pause) {
        this.sampleRate = sampleRate;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.deadLetterTimeout = deadLetterTimeout;
        this.registry = registry;
        this.pause = pause != null ? pause : this::awaitUnlessStopped;
    }

    public void process(List<IncomingRecord> records) {
        registry.counter("periscope.events.received").increment(records.size());
        for (PartitionBatch batch : parse(records)) {
            store(batch);
        }
    }

    /** Ends any back-off wait; the batch in flight is not acknowledged and will be consumed again. */
    public void stop() {
        stopped.countDown();
    }

    private Iterable<PartitionBatch> parse(List<IncomingRecord> records) {
        int rate = sampleRate.getAsInt();
        Map<String, PartitionBatch> batches = new LinkedHashMap<>();
        for (IncomingRecord record : records) {
            PartitionBatch batch = batches.computeIfAbsent(record.topic() + "-" + record.partition(),
                    k -> new PartitionBatch(record.topic(), record.partition()));
            batch.addRecord(record);
            if (record.value() == null) {
                registry.counter("periscope.events.dropped", "reason", "empty").increment();
                continue;
            }
            try {
                AccessEvent event = deserializer.deserialize(record.topic(), record.value());
                int weight = RawSampler.weight(event, rate);
                if (weight == RawSampler.DROP) {
                    registry.counter("periscope.raw_events.sampled_out").increment();
                } else {
                    batch.addRow(new RawRow(event, weight));
                }
            } catch (SerializationException e) {
                registry.counter("periscope.events.dropped", "reason", "malformed").increment();
                LOG.debugf("malformed record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
                deadLetter(record, e, 1);
            }
        }
        return batches.values();
    }

    private void store(PartitionBatch batch) {
        List<RawRow> events = batch.rows();
        if (events.isEmpty()) {
            return;
        }
        int attempt = 0;
        while (true) {
            try {
                sink.insert(events, batch.deduplicationToken());
                registry.counter("periscope.events.stored").increment(events.size());
                if (attempt > 0) {
                    LOG.infof("insert of %s succeeded after %d retries", batch.deduplicationToken(), attempt);
                }
                return;
            } catch (SinkException e) {
                registry.counter("periscope.batch.flush.errors", "kind", "flush").increment();
                if (!e.retryable()) {
                    rejectAll(batch, e, attempt + 1);
                    return;
                }
                attempt++;
                registry.counter("periscope.events.insert.retries").increment();
                Duration delay = backoff.delay(attempt - 1);
                if (attempt == 1 || attempt % 20 == 0) {
                    LOG.warnf("insert of %s failed (attempt %d), retrying in %d ms: %s", batch.deduplicationToken(),
                            attempt, delay.toMillis(), e.getMessage());
                }
                if (!pause.await(delay)) {
                    throw new StoppedException();
                }
            }
        }
    }

    /** The sink refuses this data for good: keep it in the dead-letter topic and move on. */
    private void rejectAll(PartitionBatch batch, SinkException e, int attempts) {
        LOG.errorf("ClickHouse rejected %d events of %s permanently; dead-lettering them: %s", batch.rows().size(),
                batch.deduplicationToken(), e.getMessage());
        for (IncomingRecord record : batch.records()) {
            if (record.value() != null) {
                registry.counter("periscope.events.dropped", "reason", "rejected").increment();
                deadLetter(record, e, attempts);
            }
        }
    }

    private void deadLetter(IncomingRecord record, Throwable error, int attempts) {
        int attempt = 0;
        while (true) {
            try {
                deadLetters.publish(record, error, attempts).toCompletableFuture()
                        .get(deadLetterTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException();
            } catch (Exception e) {
                attempt++;
                registry.counter("periscope.dead_letters.failed").increment();
                if (attempt == 1) {
                    LOG.warnf("dead-letter publish failed, retrying: %s", e);
                }
                if (!pause.await(backoff.delay(attempt - 1))) {
                    throw new StoppedException();
                }
            }
        }
    }

    private boolean awaitUnlessStopped(Duration delay) {
        try {
            return !stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
