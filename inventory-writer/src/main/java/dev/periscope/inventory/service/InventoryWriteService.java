package dev.periscope.inventory.service;

import dev.periscope.kit.retry.RetryBackoff;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.UpdateOneModel;

import dev.periscope.inventory.config.InventoryConfig;
import dev.periscope.inventory.domain.InventoryBatch;
import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.mapping.InventoryUpdateMapper;
import dev.periscope.inventory.repository.InventoryRepository;
import dev.periscope.kit.messaging.DeadLetterPublisher;
import dev.periscope.kit.messaging.DeadLetterPublisher.DeadLetter;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Applies one consumed batch to {@code api_inventory} and returns only when MongoDB acknowledged it, so the caller's
 * ack (offset commit) follows the write. Poison records are dead-lettered first; a MongoDB that is unreachable is
 * retried with bounded back-off until it answers or the service stops (nothing is committed meanwhile); a write
 * MongoDB rejects for a document is permanent and dead-letters that document's records.
 */
@ApplicationScoped
public class InventoryWriteService {
    private static final Logger LOG = Logger.getLogger(InventoryWriteService.class);
    private static final int DUPLICATE_KEY = 11000;

    private final InventoryRepository repository;
    private final DeadLetterPublisher deadLetters;
    private final InventoryConfig config;
    private final InventoryUpdateMapper mapper = new InventoryUpdateMapper();
    private final AccessEventDeserializer deserializer = new AccessEventDeserializer();
    private final RetryBackoff backoff;
    private final Counter applied;
    private final Counter malformed;
    private final Counter rejected;
    private final Counter upserts;
    private final Counter retries;
    private final Timer writeTimer;
    private volatile boolean stopping;

    public InventoryWriteService(InventoryRepository repository, DeadLetterPublisher deadLetters,
            InventoryConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.config = config;
        this.backoff = new RetryBackoff(config.retry().initialBackoff(), config.retry().maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.applied = registry.counter("periscope.events.applied");
        this.malformed = registry.counter("periscope.events.dropped", "reason", "malformed");
        this.rejected = registry.counter("periscope.events.dropped", "reason", "mongo_rejected");
        this.upserts = registry.counter("periscope.inventory.upserts");
        this.retries = registry.counter("periscope.mongo.errors", "collection", InventoryRepository.COLLECTION,
                "op", "bulk_write");
        this.writeTimer = registry.timer("periscope.mongo.insert.duration", "collection",
                InventoryRepository.COLLECTION);
    }

    public void apply(List<ConsumerRecord<byte[], byte[]>> records) {
        InventoryBatch<ConsumerRecord<byte[], byte[]>> batch = new InventoryBatch<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            AccessEvent event;
            try {
                event = deserializer.deserialize(record.topic(), record.value());
                if (event == null) {
                    throw new IllegalArgumentException("record without a value (tombstone) on " + record.topic());
                }
            } catch (RuntimeException e) {
                deadLetter(record, e);
                malformed.increment();
                continue;
            }
            batch.add(event, record.partition(), record.offset(), record);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<InventoryDelta> deltas = batch.deltas();
        List<UpdateOneModel<Document>> writes = new ArrayList<>(deltas.size());
        deltas.forEach(delta -> writes.add(mapper.toWriteModel(delta)));

        List<BulkWriteError> errors = writeUntilAcknowledged(writes);
        long rejectedEvents = 0;
        for (BulkWriteError error : errors) {
            List<ConsumerRecord<byte[], byte[]>> sources = batch.sourcesOf(error.getIndex());
            rejectedEvents += sources.size();
            MongoException cause = new MongoException(error.getCode(), "MongoDB rejected the upsert of inventory "
                    + deltas.get(error.getIndex()).id() + ": " + error.getMessage());
            sources.forEach(source -> deadLetter(source, cause));
        }
        rejected.increment(rejectedEvents);
        applied.increment(batch.eventCount() - rejectedEvents);
        upserts.increment(writes.size() - errors.size());
    }

    /** @return the per-document errors MongoDB reported (permanent); everything else was applied */
    private List<BulkWriteError> writeUntilAcknowledged(List<UpdateOneModel<Document>> writes) {
        int attempt = 0;
        while (true) {
            try {
                if (!repository.indexesEnsured()) {
                    repository.ensureIndexes();
                }
                writeTimer.record(() -> repository.upsert(writes));
                if (attempt > 0) {
                    LOG.infof("MongoDB write succeeded after %d retries; resuming", attempt);
                }
                return List.of();
            } catch (MongoBulkWriteException e) {
                // Per-document errors are deterministic: retrying would re-apply the documents that succeeded.
                // DUPLICATE_KEY is where the offset fencing will answer "already applied".
                e.getWriteErrors().stream().filter(w -> w.getCode() != DUPLICATE_KEY).findFirst()
                        .ifPresent(w -> LOG.warnf("MongoDB rejected %d of %d upserts, e.g. code %d: %s",
                                e.getWriteErrors().size(), writes.size(), w.getCode(), w.getMessage()));
                return e.getWriteErrors();
            } catch (MongoException e) {
                retries.increment();
                repository.forgetIndexes(); // a server that was replaced or restored may lack them: re-ensure
                if (stopping) {
                    throw new IllegalStateException("stopping while MongoDB is failing; batch left uncommitted", e);
                }
                if (attempt == 0) {
                    LOG.warnf("MongoDB write failed (%s); retrying with back-off, offsets stay uncommitted",
                            oneLine(e));
                }
                sleep(backoff.delay(Math.min(attempt, 30)).toMillis());
                attempt++;
            }
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
        LOG.debugf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                error.getMessage());
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), error, 1);
        try {
            deadLetters.publish(letter).toCompletableFuture()
                    .get(config.deadLetterTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead letter not acknowledged; batch left uncommitted", e);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for MongoDB", e);
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
        return e.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) : message);
    }
}
