package dev.periscope.enricher.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

import dev.periscope.kit.messaging.DeadLetterPublisher.DeadLetter;
import dev.periscope.kit.retry.RetryBackoff;

/**
 * The consumer thread, the only one touching the KafkaConsumer: poll a batch of raw records, enrich and send each,
 * wait until the broker acknowledged every enriched record and dead letter of the batch, then commit the batch's
 * offsets and poll again. So a committed raw offset always has its enriched record (or dead letter) in Kafka.
 * <p>
 * If a send fails (the broker stayed away past the producer's delivery timeout), the batch is not committed: the
 * loop seeks back to its first offsets and retries it after a back-off, so it is enriched again — records of that
 * batch that had reached Kafka are then published twice (at-least-once, like any consumer restart).
 */
public final class EnrichLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(EnrichLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String inputTopic;
    private final RawRecordEnricher enricher;
    private final Function<DeadLetter, CompletionStage<Void>> deadLetters;
    private final EnrichLoopMetrics metrics;
    private final RetryBackoff backoff;
    private final Duration deadLetterTimeout;
    private volatile boolean running = true;
    private volatile Optional<String> failing = Optional.empty();
    private int failedAttempts;
    private Runnable onFailure = () -> { };

    public EnrichLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, String inputTopic,
            RawRecordEnricher enricher, Function<DeadLetter, CompletionStage<Void>> deadLetters,
            EnrichLoopMetrics metrics, RetryBackoff backoff, Duration deadLetterTimeout) {
        this.consumer = consumer;
        this.producer = producer;
        this.inputTopic = inputTopic;
        this.enricher = enricher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.backoff = backoff;
        this.deadLetterTimeout = deadLetterTimeout;
    }

    /** Called once when the loop dies of an unexpected error. */
    public void onFailure(Runnable action) {
        this.onFailure = action;
    }

    /** Ends the loop after the batch in hand (its next poll returns within {@code POLL}). */
    public void stop() {
        running = false;
    }

    /** Why the last batch could not be published, while it is being retried. */
    public Optional<String> failing() {
        return failing;
    }

    @Override
    public void run() {
        boolean failed = false;
        try {
            consumer.subscribe(List.of(inputTopic), new CommitOnRevoke());
            while (running) {
                step();
            }
            commitPositions(consumer.assignment());
        } catch (RuntimeException e) {
            failed = running;
            if (failed) {
                LOG.error("enricher consumer loop failed; the process exits so it is restarted (uncommitted raw"
                        + " records are enriched again)", e);
            }
            running = false;
        } finally {
            closeQuietly();
        }
        if (failed) {
            onFailure.run();
        }
    }

    /** One poll: enrich, publish, wait for the acknowledgements, commit (or rewind and back off). */
    void step() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (records.isEmpty()) {
            return;
        }
        BatchPublication publication = new BatchPublication();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (!publication.ok()) {
                break;
            }
            publish(record, publication);
        }
        producer.flush();
        publication.awaitDeadLetters(deadLetterTimeout);
        if (publication.ok()) {
            consumer.commitAsync(nextOffsets(records), (offsets, error) -> {
                if (error != null) {
                    LOG.debugf("offset commit failed (%s); a later commit covers it", error.toString());
                }
            });
            metrics.batch(records.count());
            failedAttempts = 0;
            failing = Optional.empty();
        } else {
            rewind(records, publication.failure());
        }
    }

    private void publish(ConsumerRecord<byte[], byte[]> record, BatchPublication publication) {
        RawRecordEnricher.Enriched enriched;
        try {
            enriched = enricher.enrich(record.value());
        } catch (RuntimeException e) {
            // a pipeline bug must not stall the partition either: the record is kept in the DLQ with the error
            deadLetter(record, e, publication);
            metrics.unusable(e instanceof SerializationException ? "malformed" : "enrich_error");
            return;
        }
        try {
            producer.send(enriched.record(), (metadata, error) -> {
                if (error == null) {
                    return;
                }
                if (error instanceof RecordTooLargeException || error instanceof SerializationException) {
                    deadLetter(record, error, publication);
                    metrics.unpublishable();
                } else {
                    publication.failed(error);
                }
            });
            metrics.enriched(enriched.event());
        } catch (KafkaException e) {
            publication.failed(e);
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Throwable error, BatchPublication publication) {
        LOG.debugf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                error.getMessage());
        publication.deadLetter(deadLetters.apply(new DeadLetter(record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), error, 1)));
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records, Throwable failure) {
        String reason = "publishing enriched records failed: " + failure;
        failing = Optional.of(reason);
        metrics.publishFailed();
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
        Duration delay = backoff.delay(failedAttempts++);
        LOG.warnf("%s; the batch of %d records is retried in %d ms", reason, records.count(), delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Every batch before was acknowledged, so the positions are what is done (or rewound to what is not). */
    private void commitPositions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            LOG.infof("committing the positions of %s failed (%s); the next owner re-enriches from the last commit",
                    partitions, e.toString());
        }
    }

    private void closeQuietly() {
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("closing the producer: %s", e.toString());
        }
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("closing the consumer: %s", e.toString());
        }
    }

    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitPositions(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // already owned by another member: nothing may be committed for them
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // positions come from the committed offsets
        }
    }

    /** Outcome of one batch's sends; written by the producer's callbacks too. */
    private static final class BatchPublication {
        private final List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        boolean ok() {
            return failure.get() == null;
        }

        Throwable failure() {
            return failure.get();
        }

        /** Keeps the first failure (callbacks of several sends may report at once). */
        void failed(Throwable error) {
            failure.compareAndSet(null, error);
        }

        synchronized void deadLetter(CompletionStage<Void> acknowledged) {
            deadLetters.add(acknowledged.toCompletableFuture());
        }

        void awaitDeadLetters(Duration timeout) {
            List<CompletableFuture<Void>> pending;
            synchronized (this) {
                pending = List.copyOf(deadLetters);
            }
            if (pending.isEmpty()) {
                return;
            }
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failed(e.getCause());
            } catch (TimeoutException e) {
                failed(new TimeoutException("dead letters not acknowledged within " + timeout));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(e);
            }
        }
    }
}
