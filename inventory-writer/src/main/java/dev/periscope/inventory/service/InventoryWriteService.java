package dev.periscope.inventory.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

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
import dev.periscope.inventory.domain.InventoryBatch.Slot;
import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.domain.InventoryLimits;
import dev.periscope.inventory.fencing.Fencing;
import dev.periscope.inventory.mapping.CappedListMirror;
import dev.periscope.inventory.mapping.CappedListMirror.Plan;
import dev.periscope.inventory.mapping.InventoryUpdateMapper;
import dev.periscope.inventory.repository.InventoryRepository;
import dev.periscope.kit.messaging.DeadLetterPublisher;
import dev.periscope.kit.messaging.DeadLetterPublisher.DeadLetter;
import dev.periscope.kit.retry.RetryBackoff;
import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import dev.periscope.model.config.Policy;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Applies one consumed batch to {@code api_inventory} exactly once and returns only when MongoDB acknowledged it
 * (the caller committed the batch's intents before).
 * <ol>
 * <li>Poison records are dead-lettered; the rest are folded into one delta per (inventory key, partition).</li>
 * <li>The cardinality gate refuses new keys over budget (counted).</li>
 * <li>One unordered bulk write of upserts: by {@code _id} alone, except the slots the caller's
 * {@link Fencing} names (those inside a recovered intent) and every retry, which are fenced. A duplicate key on a
 * fenced upsert means the document already applied some of these offsets (a replay after a crash): its
 * {@code applied.<partition>} is read, the slot is folded again from the next offset, and only that rest is
 * written — no loss, no double count. A document whose capped lists are known ({@link CappedListMirror}, read
 * once per document and ownership) gets one upsert that bounds them itself; any other gets the upsert plus a trim
 * (retries always do).</li>
 * <li>Retryable failures (store unreachable, elections, timeouts) are retried with bounded back-off until they pass
 * or the service stops; offsets stay uncommitted meanwhile, so consumption pauses. Permanent per-document errors
 * dead-letter that document's records; a permanent failure of the whole command is narrowed down by writing the
 * batch one document at a time.</li>
 * </ol>
 */
@ApplicationScoped
public class InventoryWriteService implements BatchWriter {
    private static final Logger LOG = Logger.getLogger(InventoryWriteService.class);
    /** Fold-and-rewrite rounds for replayed slots; one is enough unless a zombie writer races us. */
    private static final int MAX_FENCING_ROUNDS = 3;

    private final InventoryRepository repository;
    private final DeadLetterPublisher deadLetters;
    private final CardinalityGate cardinality;
    private final RuntimeConfigHolder runtimeConfig;
    private final InventoryConfig config;
    private final int maxPollRecords;
    private final InventoryUpdateMapper mapper = new InventoryUpdateMapper();
    private final AccessEventDeserializer deserializer = new AccessEventDeserializer();
    /** Only the consumer thread touches it (writes and rebalance callbacks alike). */
    private final CappedListMirror lists;
    private final RetryBackoff backoff;
    private final Counter applied;
    private final Counter malformed;
    private final Counter rejected;
    private final Counter replayed;
    private final Counter fencedUpserts;
    private final Counter idUpserts;
    private final Counter skippedLabels;
    private final Counter bulkWriteErrors;
    private final Counter readErrors;
    private final Counter trims;
    private final Counter listReads;
    private final Counter flushOnSize;
    private final Counter flushOnPoll;
    private final DistributionSummary batchSize;
    private final DistributionSummary writesPerBatch;
    private final Timer writeTimer;
    private volatile boolean stopping;
    /** One line about the MongoDB failure the writer is retrying, or null while writes succeed. */
    private volatile String failing;

    public InventoryWriteService(InventoryRepository repository, DeadLetterPublisher deadLetters,
            CardinalityGate cardinality, RuntimeConfigHolder runtimeConfig, InventoryConfig config,
            MeterRegistry registry) {
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.cardinality = cardinality;
        this.runtimeConfig = runtimeConfig;
        this.config = config;
        this.maxPollRecords = config.kafka().maxPollRecords();
        // fail fast at start-up on caps out of range
        new InventoryLimits(Policy.DEFAULT_CONSUMERS_CAP, InventoryLimits.DEFAULT_QUERY_PARAMS_CAP,
                config.discoveredCap());
        this.lists = new CappedListMirror(config.listMirrorDocuments());
        this.backoff = new RetryBackoff(config.retry().initialBackoff(), config.retry().maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        String collection = InventoryRepository.COLLECTION;
        this.applied = registry.counter("periscope.events.applied");
        this.malformed = registry.counter("periscope.events.dropped", "reason", "malformed");
        this.rejected = registry.counter("periscope.events.dropped", "reason", "mongo_rejected");
        this.replayed = registry.counter("periscope.inventory.replayed.events");
        this.fencedUpserts = registry.counter("periscope.inventory.upserts", "filter", "fenced");
        this.idUpserts = registry.counter("periscope.inventory.upserts", "filter", "id");
        this.skippedLabels = registry.counter("periscope.inventory.labels.skipped");
        this.bulkWriteErrors = registry.counter("periscope.mongo.errors", "collection", collection, "op",
                "bulk_write");
        this.readErrors = registry.counter("periscope.mongo.errors", "collection", collection, "op", "find");
        this.trims = registry.counter("periscope.inventory.trims");
        this.listReads = registry.counter("periscope.inventory.list.reads");
        this.flushOnSize = registry.counter("periscope.flush.count", "trigger", "size");
        this.flushOnPoll = registry.counter("periscope.flush.count", "trigger", "poll");
        this.batchSize = DistributionSummary.builder("periscope.batch.size")
                .description("records per consumed batch").register(registry);
        this.writesPerBatch = DistributionSummary.builder("periscope.inventory.writes.per.batch")
                .description("fenced upserts per consumed batch (events per write = batch size / this)")
                .register(registry);
        this.writeTimer = registry.timer("periscope.mongo.insert.duration", "collection", collection);
    }

    /**
     * Applies one polled batch; returns once MongoDB acknowledged it (or its records were dead-lettered).
     *
     * @param fencing which slots need the fenced filter (those an intent covers); the rest are addressed by
     *                {@code _id} alone on their first attempt
     */
    @Override
    public void apply(List<ConsumerRecord<byte[], byte[]>> records, Fencing fencing) {
        batchSize.record(records.size());
        (records.size() >= maxPollRecords ? flushOnSize : flushOnPoll).increment();
        InventoryBatch<ConsumerRecord<byte[], byte[]>> batch = new InventoryBatch<>(limits());
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
        List<Slot<ConsumerRecord<byte[], byte[]>>> slots = retrying("cardinality lookup", readErrors,
                attempt -> cardinality.admit(batch.slots()));
        slots.forEach(slot -> skippedLabels.increment(slot.delta().skippedLabels()));
        write(slots, fencing);
    }

    private InventoryLimits limits() {
        Policy policy = runtimeConfig.current().policy();
        return new InventoryLimits(policy.consumersCap(), policy.queryParamsCap(), config.discoveredCap());
    }

    /**
     * One pending write: a slot, the part of it still to apply, and whether its first attempt may address the
     * document by {@code _id} alone.
     */
    private record Pending<S>(Slot<S> slot, InventoryDelta delta, long appliedBefore, boolean fenced,
            Optional<Plan> plan) {
        Pending(Slot<S> slot, InventoryDelta delta, long appliedBefore, boolean fenced) {
            this(slot, delta, appliedBefore, fenced, Optional.empty());
        }

        List<S> sources() {
            return slot.sourcesAfter(appliedBefore);
        }
    }

    private <S extends ConsumerRecord<byte[], byte[]>> void write(List<Slot<S>> slots, Fencing fencing) {
        Set<String> planned = knowLists(slots);
        List<Pending<S>> pending = new ArrayList<>(slots.size());
        slots.forEach(slot -> pending.add(new Pending<>(slot, slot.delta(), -1,
                fencing.fenced(slot.partition(), slot.delta().firstOffset()),
                planned.contains(slot.id()) ? lists.plan(slot.delta()) : Optional.empty())));
        int writes = 0;
        for (int round = 0; round < MAX_FENCING_ROUNDS && !pending.isEmpty(); round++) {
            writes += pending.size();
            Acknowledged acknowledged = writeUntilAcknowledged(pending);
            Map<Integer, BulkWriteError> errors = acknowledged.errors();
            List<Pending<S>> collided = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Pending<S> p = pending.get(i);
                BulkWriteError error = errors.get(i);
                if (error == null && acknowledged.asPlanned() && p.plan().isPresent()) {
                    lists.applied(p.plan().get());
                } else {
                    lists.forget(p.delta().id()); // written another way (or not at all): read it again when needed
                }
                if (error == null) {
                    applied.increment(p.delta().count());
                    (p.fenced() ? fencedUpserts : idUpserts).increment();
                } else if (error.getCode() == MongoErrorClassifier.DUPLICATE_KEY) {
                    collided.add(p);
                } else {
                    reject(p.sources(), p.delta().id(), error.getCode(), error.getMessage());
                }
            }
            pending.clear();
            pending.addAll(unappliedRest(collided));
        }
        pending.forEach(p -> reject(p.sources(), p.delta().id(), MongoErrorClassifier.DUPLICATE_KEY,
                "still fenced out after " + MAX_FENCING_ROUNDS + " rounds (another writer on the same partition?)"));
        writesPerBatch.record(writes);
    }

    /**
     * Makes sure the capped lists of the slots' documents are known: one read of the documents not in the mirror
     * (absent ones are known to be empty). A document fed by more than one slot of the batch (two source partitions)
     * is left out, since its upserts may apply in any order.
     *
     * @return the ids whose upsert can bound its lists itself
     */
    private <S> Set<String> knowLists(List<Slot<S>> slots) {
        if (!lists.enabled()) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        Set<String> shared = new HashSet<>();
        for (Slot<S> slot : slots) {
            if (!ids.add(slot.id())) {
                shared.add(slot.id());
            }
        }
        ids.removeAll(shared);
        List<String> unknown = lists.unknown(ids);
        if (!unknown.isEmpty()) {
            Map<String, Map<String, List<String>>> stored = retrying("capped-list lookup", readErrors,
                    attempt -> repository.lists(unknown, InventoryUpdateMapper.CAPPED_LIST_FIELDS));
            listReads.increment(stored.size());
            for (String id : unknown) {
                Map<String, List<String>> ofDocument = stored.get(id);
                if (ofDocument == null) {
                    lists.learnAbsent(id);
                } else {
                    lists.learn(id, ofDocument);
                }
            }
        }
        ids.removeIf(id -> !lists.knows(id)); // more unknown ids than the mirror holds: the rest are trimmed
        return ids;
    }

    /** Partition ownership changed: another writer may have changed documents the mirror knows. */
    @Override
    public void partitionsChanged() {
        lists.clear();
    }

    /**
     * For upserts that hit a duplicate key (the filter matched nothing, and the insert it turned into collided):
     * what of them is still to apply, always fenced from here on. By the document's {@code applied.<partition>}:
     * <ul>
     * <li>no document with this {@code _id}: another document holds the same eight-field key — permanent;</li>
     * <li>at or above the slot's first offset: a replay, the document applied some or all of it — fold the slot
     * again after the watermark;</li>
     * <li>below it: the document was inserted concurrently (another partition's writer) — try the same delta
     * again, now it matches.</li>
     * </ul>
     */
    private <S extends ConsumerRecord<byte[], byte[]>> List<Pending<S>> unappliedRest(List<Pending<S>> collided) {
        if (collided.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<Pending<S>>> byPartition = collided.stream()
                .collect(Collectors.groupingBy(p -> p.slot().partition()));
        List<Pending<S>> rest = new ArrayList<>();
        for (Map.Entry<Integer, List<Pending<S>>> partition : byPartition.entrySet()) {
            List<String> ids = partition.getValue().stream().map(p -> p.delta().id()).toList();
            Map<String, Long> watermarks = retrying("applied offsets", readErrors,
                    attempt -> repository.appliedOffsets(ids, partition.getKey()));
            for (Pending<S> p : partition.getValue()) {
                Long watermark = watermarks.get(p.delta().id());
                if (watermark == null) {
                    reject(p.sources(), p.delta().id(), MongoErrorClassifier.DUPLICATE_KEY,
                            "another document holds the same eight-field inventory key");
                } else if (watermark < p.delta().firstOffset()) {
                    rest.add(new Pending<>(p.slot(), p.delta(), p.appliedBefore(), true));
                } else {
                    long alreadyApplied = p.slot().eventsUpTo(watermark) - p.slot().eventsUpTo(p.appliedBefore());
                    replayed.increment(alreadyApplied);
                    p.slot().deltaAfter(watermark)
                            .ifPresent(delta -> rest.add(new Pending<>(p.slot(), delta, watermark, true)));
                }
            }
        }
        return rest;
    }

    /**
     * What MongoDB acknowledged.
     *
     * @param errors    per-pending-index errors of the upserts
     * @param asPlanned whether the first attempt was acknowledged (so the planned lists are what is stored)
     */
    private record Acknowledged(Map<Integer, BulkWriteError> errors, boolean asPlanned) {
    }

    /**
     * Writes until MongoDB acknowledges. Only the first attempt uses the {@code _id}-only filters and the planned
     * capped lists: a failed attempt may have applied part of an unordered bulk write, so every retry is fenced and
     * adds to the lists the way that is right whatever they hold ({@code $addToSet} plus trim).
     *
     * @return per-pending-index errors of the upserts; a failed trim is only logged (the next one repairs)
     */
    private <S> Acknowledged writeUntilAcknowledged(List<Pending<S>> pending) {
        List<UpdateOneModel<Document>> first = models(pending, false, true);
        List<List<UpdateOneModel<Document>>> fenced = new ArrayList<>(1);
        int[] acknowledgedAttempt = {0};
        List<BulkWriteError> errors = retrying("bulk write", bulkWriteErrors, attempt -> {
            acknowledgedAttempt[0] = attempt;
            if (attempt == 0) {
                return bulkWrite(first);
            }
            if (fenced.isEmpty()) {
                fenced.add(models(pending, true, false));
            }
            return bulkWrite(fenced.get(0));
        });
        int models = acknowledgedAttempt[0] == 0 ? first.size() : fenced.get(0).size();
        trims.increment(models - pending.size());
        Map<Integer, BulkWriteError> byPending = new HashMap<>();
        for (BulkWriteError error : errors) {
            if (error.getIndex() < pending.size()) { // upserts first, then the trims
                byPending.put(error.getIndex(), error);
            } else {
                LOG.debugf("trim of a capped list failed (code %d): %s", error.getCode(), error.getMessage());
            }
        }
        return new Acknowledged(byPending, acknowledgedAttempt[0] == 0);
    }

    /** The upserts (model index = pending index), then the trims of those whose lists are not planned. */
    private <S> List<UpdateOneModel<Document>> models(List<Pending<S>> pending, boolean allFenced,
            boolean planned) {
        List<UpdateOneModel<Document>> models = new ArrayList<>(pending.size() * 2);
        for (Pending<S> p : pending) {
            Optional<Plan> plan = planned ? p.plan() : Optional.empty();
            models.add(mapper.toWriteModel(p.delta(), allFenced || p.fenced(), plan));
        }
        for (Pending<S> p : pending) {
            if (!planned || p.plan().isEmpty()) {
                mapper.toTrimModel(p.delta()).ifPresent(models::add);
            }
        }
        return models;
    }

    /**
     * One bulk write. Per-document errors come back as values; retryable ones are raised so the whole (fenced,
     * hence repeatable) write is retried. A permanent failure of the whole command is narrowed down per document.
     */
    private List<BulkWriteError> bulkWrite(List<UpdateOneModel<Document>> models) {
        if (!repository.indexesEnsured()) {
            repository.ensureIndexes();
        }
        try {
            writeTimer.record(() -> repository.upsert(models));
            return List.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null
                    || e.getWriteErrors().stream().anyMatch(w -> MongoErrorClassifier.retryableCode(w.getCode()))) {
                throw e;
            }
            e.getWriteErrors().stream().filter(w -> w.getCode() != MongoErrorClassifier.DUPLICATE_KEY).findFirst()
                    .ifPresent(w -> LOG.warnf("MongoDB rejected %d of %d writes, e.g. code %d: %s",
                            e.getWriteErrors().size(), models.size(), w.getCode(), w.getMessage()));
            return e.getWriteErrors();
        } catch (MongoException e) {
            if (MongoErrorClassifier.retryable(e) || models.size() == 1) {
                if (models.size() == 1 && !MongoErrorClassifier.retryable(e)) {
                    return List.of(new BulkWriteError(e.getCode(), oneLine(e), new org.bson.BsonDocument(), 0));
                }
                throw e;
            }
            LOG.warnf("MongoDB refused the whole bulk write (%s); writing its %d documents one by one", oneLine(e),
                    models.size());
            List<BulkWriteError> errors = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                for (BulkWriteError error : bulkWrite(List.of(models.get(i)))) {
                    errors.add(new BulkWriteError(error.getCode(), error.getMessage(), error.getDetails(), i));
                }
            }
            return errors;
        }
    }

    /** Runs {@code action} until it completes without a retryable MongoDB failure, or the service stops. */
    private <T> T retrying(String what, Counter errorCounter, IntFunction<T> action) {
        int attempt = 0;
        while (true) {
            try {
                T result = action.apply(attempt);
                if (attempt > 0) {
                    LOG.infof("MongoDB %s succeeded after %d retries; resuming", what, attempt);
                    failing = null;
                }
                return result;
            } catch (MongoException e) {
                // Permanent per-document verdicts never get here (bulkWrite returns them); whatever does is about
                // the store, and a batch that fails would stop the channel: wait for the store instead.
                errorCounter.increment();
                failing = what + " failing: " + oneLine(e);
                repository.forgetIndexes(); // a server that was replaced or restored may lack them: re-ensure
                cardinality.reseed();
                if (stopping) {
                    throw new IllegalStateException("stopping while MongoDB is failing; batch left uncommitted", e);
                }
                if (attempt == 0) {
                    LOG.warnf("MongoDB %s failed (%s); retrying with back-off, offsets stay uncommitted", what,
                            oneLine(e));
                }
                sleep(backoff.delay(Math.min(attempt, 30)).toMillis());
                attempt++;
            }
        }
    }

    private void reject(List<? extends ConsumerRecord<byte[], byte[]>> sources, String id, int code,
            String message) {
        MongoException cause = new MongoException(code, "MongoDB rejected the upsert of inventory " + id + ": "
                + message);
        sources.forEach(source -> deadLetter(source, cause));
        rejected.increment(sources.size());
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

    /**
     * The highest offset of {@code partition} any document has applied ({@code -1}: none), retried like a write;
     * the bound for a partition whose committed offset carries no intent.
     */
    @Override
    public long highestApplied(int partition) {
        return retrying("applied-offset lookup", readErrors, attempt -> repository.highestAppliedOffset(partition));
    }

    /** Empty while writes succeed; otherwise what the writer is retrying (the batch is held, offsets uncommitted). */
    public java.util.Optional<String> failing() {
        return java.util.Optional.ofNullable(failing);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** A batch held by a failing MongoDB gives up (left uncommitted) instead of retrying on. */
    public void stop() {
        stopping = true;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ");
        return e.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) : message);
    }
}
