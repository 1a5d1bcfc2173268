package dev.periscope.inventory.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;

import dev.periscope.inventory.domain.InventoryBatch;
import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.domain.InventoryLimits;
import dev.periscope.inventory.mapping.CappedListMirror;
import dev.periscope.inventory.mapping.InventoryUpdateMapper;
import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.quarkus.test.junit.QuarkusTest;

/** The repository against the real MongoDB-API server (local stand-in, or a real MongoDB via MONGO_URI). */
@QuarkusTest
class InventoryRepositoryIT {
    private final InventoryUpdateMapper mapper = new InventoryUpdateMapper();

    @Inject
    InventoryRepository repository;

    @Inject
    ServiceHealth health;

    @Test
    void healthReportSaysWhetherTheStoreIsTheEmbeddedStandIn() {
        await("mongodb facts").atMost(Duration.ofSeconds(30))
                .until(() -> health.report().getFactsMap().containsKey("store.mongodb.embedded"));
        boolean embedded = health.report().getFactsMap().get("store.mongodb.embedded").getBoolValue();
        String mongoUri = System.getenv("MONGO_URI");
        if (mongoUri == null || mongoUri.isBlank()) {
            assertThat(embedded).as("the local default is mongo-java-server").isTrue();
        }
        assertThat(health.report().getFactsMap()).containsKeys("store.mongodb.version", "store.mongodb.database");
    }

    @Test
    void twoEventsOnOneEndpointMakeOneDocument() {
        String project = AccessEvents.uniqueProjectId("repo-it");
        AccessEvent first = AccessEvents.enriched(project, "GET", "/users/{id}", 200).setTsMs(1_700_000_000_000L)
                .build();
        AccessEvent second = AccessEvents.enriched(project, "GET", "/users/{id}", 404).setTsMs(1_700_000_005_000L)
                .build();

        repository.upsert(List.of(mapper.toWriteModel(InventoryDelta.of(first, 0, 7))));
        repository.upsert(List.of(mapper.toWriteModel(InventoryDelta.of(second, 0, 8))));

        List<InventoryEntry> entries = repository.findByProject(project);
        assertThat(entries).hasSize(1);
        InventoryEntry entry = entries.get(0);
        assertThat(entry.id).isEqualTo(InventoryKey.of(first).id());
        assertThat(entry.seenCount).isEqualTo(2);
        assertThat(entry.firstSeen).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(entry.lastSeen).isEqualTo(Instant.ofEpochMilli(1_700_000_005_000L));
        assertThat(entry.statusDist).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("200", 1L, "404", 1L));
        assertThat(entry.sampleEventIds).containsExactly(first.getEventId(), second.getEventId());
        assertThat(entry.latencyBuckets).containsEntry("lt25", 2.0).containsEntry("latency_max_ms", 12.5);
        assertThat(entry.confirmed).isFalse();
        assertThat(entry.consumers).isEmpty();
        assertThat(entry.authSchemes).containsExactly("none");
        assertThat(entry.noauthObserved).isEqualTo(2);
        assertThat(entry.projectId).isEqualTo(project);
        assertThat(entry.normalizedPath).isEqualTo("/users/{id}");
        assertThat(entry.method).isEqualTo("GET");
        assertThat(entry.routes).containsExactly("api");
        assertThat(entry.applied).containsEntry("0", 8L);
    }

    @Test
    void replayedOffsetsAreFencedOutAsDuplicateKeys() {
        String project = AccessEvents.uniqueProjectId("repo-it");
        InventoryBatch<Integer> firstRun = new InventoryBatch<>();
        InventoryBatch<Integer> replay = new InventoryBatch<>();
        for (int offset = 0; offset < 15; offset++) {
            AccessEvent event = AccessEvents.enriched(project, "GET", "/fenced", 200).build();
            if (offset < 10) {
                firstRun.add(event, 4, offset, offset);
            }
            if (offset >= 5) {
                replay.add(event, 4, offset, offset);
            }
        }
        repository.upsert(List.of(mapper.toWriteModel(firstRun.deltas().get(0))));

        assertThatThrownBy(() -> repository.upsert(List.of(mapper.toWriteModel(replay.deltas().get(0)))))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, e -> assertThat(e.getWriteErrors())
                        .singleElement().satisfies(w -> assertThat(w.getCode()).isEqualTo(11000)));
        String id = replay.deltas().get(0).id();
        assertThat(repository.appliedOffsets(List.of(id), 4)).containsEntry(id, 9L);
        assertThat(repository.appliedOffsets(List.of(id), 5)).as("another partition").containsEntry(id, -1L);

        repository.upsert(List.of(mapper.toWriteModel(replay.slots().get(0).deltaAfter(9).orElseThrow())));
        InventoryEntry entry = repository.findByProject(project).get(0);
        assertThat(entry.seenCount).isEqualTo(15);
        assertThat(entry.applied).containsEntry("4", 14L);
    }

    /** The bound of a partition whose commit carries no intent; a partition number no other test uses. */
    @Test
    void highestAppliedOffsetOfAPartitionAcrossDocuments() {
        String project = AccessEvents.uniqueProjectId("repo-it");
        int partition = 10_000 + new java.util.Random().nextInt(80_000);
        assertThat(repository.highestAppliedOffset(partition)).isEqualTo(-1L);

        AccessEvent a = AccessEvents.enriched(project, "GET", "/a", 200).build();
        AccessEvent b = AccessEvents.enriched(project, "GET", "/b", 200).build();
        repository.upsert(List.of(mapper.toWriteModel(InventoryDelta.of(a, partition, 7), false),
                mapper.toWriteModel(InventoryDelta.of(b, partition, 12), false),
                mapper.toWriteModel(InventoryDelta.of(a, partition + 1, 99), false)));

        assertThat(repository.highestAppliedOffset(partition)).isEqualTo(12L);
    }

    /** An _id-only upsert on a document another partition's writer inserted meanwhile simply matches it. */
    @Test
    void idOnlyUpsertsOfTwoPartitionsAddUpOnOneDocument() {
        String project = AccessEvents.uniqueProjectId("repo-it");
        AccessEvent event = AccessEvents.enriched(project, "GET", "/shared", 200).build();

        repository.upsert(List.of(mapper.toWriteModel(InventoryDelta.of(event, 0, 50), false),
                mapper.toWriteModel(InventoryDelta.of(event, 1, 20), false)));

        InventoryEntry entry = repository.findByProject(project).get(0);
        assertThat(entry.seenCount).isEqualTo(2);
        assertThat(entry.applied).containsEntry("0", 50L).containsEntry("1", 20L);
    }

    @Test
    void trimKeepsCappedListsAtTheirCap() {
        String project = AccessEvents.uniqueProjectId("repo-it");
        InventoryLimits limits = new InventoryLimits(3, 50, 20);
        for (int i = 0; i < 5; i++) {
            InventoryBatch<Integer> batch = new InventoryBatch<>(limits);
            batch.add(AccessEvents.enriched(project, "GET", "/trim", 200).setConsumerHash("c" + i).build(), 0, i, i);
            InventoryDelta delta = batch.deltas().get(0);
            repository.upsert(List.of(mapper.toWriteModel(delta), mapper.toTrimModel(delta).orElseThrow()));
        }

        assertThat(repository.findByProject(project).get(0).consumers).containsExactly("c2", "c3", "c4");
    }

    /**
     * The same random batches written two ways: upsert plus trim (document A), and one planned upsert from the
     * {@link CappedListMirror} (document B, its lists read from the store whenever the mirror forgot them). After
     * every batch both documents hold the same capped lists, and B's are what the mirror expects.
     */
    @Test
    void plannedUpsertsKeepTheSameCappedListsAsUpsertPlusTrim() {
        String project = AccessEvents.uniqueProjectId("repo-it");
        InventoryLimits limits = new InventoryLimits(3, 2, 2);
        CappedListMirror mirror = new CappedListMirror(10);
        java.util.Random random = new java.util.Random(5);
        long offset = 0;
        for (int b = 0; b < 25; b++) {
            InventoryBatch<Long> batch = new InventoryBatch<>(limits);
            int events = 1 + random.nextInt(5);
            for (int i = 0; i < events; i++) {
                AccessEvent.Builder event = AccessEvents.enriched(project, "GET", "/trimmed", 200)
                        .setConsumerHash("c" + random.nextInt(7)).setRouteName("r" + random.nextInt(4))
                        .clearQueryParamNames().addQueryParamNames("q" + random.nextInt(3));
                batch.add(event.build(), 0, offset, offset);
                batch.add(event.setNormalizedPath("/planned").build(), 0, offset, offset);
                offset++;
            }
            InventoryDelta trimmed = batch.deltas().get(0);
            InventoryDelta planned = batch.deltas().get(1);
            repository.upsert(List.of(mapper.toWriteModel(trimmed, false), mapper.toTrimModel(trimmed).orElseThrow()));
            if (!mirror.knows(planned.id())) {
                java.util.Map<String, java.util.Map<String, List<String>>> stored = repository.lists(
                        List.of(planned.id()), InventoryUpdateMapper.CAPPED_LIST_FIELDS);
                if (stored.containsKey(planned.id())) {
                    mirror.learn(planned.id(), stored.get(planned.id()));
                } else {
                    mirror.learnAbsent(planned.id());
                }
            }
            CappedListMirror.Plan plan = mirror.plan(planned).orElseThrow();
            repository.upsert(List.of(mapper.toWriteModel(planned, false, java.util.Optional.of(plan))));
            mirror.applied(plan);
            if (random.nextInt(5) == 0) {
                mirror.forget(planned.id());
            }

            java.util.Map<String, java.util.Map<String, List<String>>> lists = repository.lists(
                    List.of(trimmed.id(), planned.id()), InventoryUpdateMapper.CAPPED_LIST_FIELDS);
            assertThat(lists.get(planned.id())).as("batch %d", b).isEqualTo(lists.get(trimmed.id()))
                    .isEqualTo(plan.listsAfter());
        }
        assertThat(repository.findByProject(project)).allSatisfy(entry -> {
            assertThat(entry.consumers).hasSize(3);
            assertThat(entry.routes).hasSize(2);
        });
    }

    @Test
    void sampleEventIdsKeepTheLastFive() {
        String project = AccessEvents.uniqueProjectId("repo-it");
        for (int i = 0; i < 7; i++) {
            AccessEvent event = AccessEvents.enriched(project, "POST", "/orders", 201).setEventId("evt-" + i).build();
            repository.upsert(List.of(mapper.toWriteModel(InventoryDelta.of(event, 1, i))));
        }

        InventoryEntry entry = repository.findByProject(project).get(0);
        assertThat(entry.seenCount).isEqualTo(7);
        assertThat(entry.sampleEventIds).containsExactly("evt-2", "evt-3", "evt-4", "evt-5", "evt-6");
    }

    @Test
    void uniqueIndexOnTheEightKeyFieldsExists() {
        repository.ensureIndexes();
        repository.ensureIndexes(); // idempotent

        List<Document> indexes = repository.mongoCollection().listIndexes().into(new java.util.ArrayList<>());
        Document unique = indexes.stream().filter(i -> InventoryRepository.UNIQUE_INDEX.equals(i.get("name")))
                .findFirst().orElseThrow();
        assertThat(unique.get("unique")).isEqualTo(true);
        assertThat(unique.get("key", Document.class).keySet()).containsExactly(InventoryUpdateMapper.KEY_FIELDS);
        assertThat(repository.indexNames()).containsAll(InventoryRepository.INDEXES.keySet());

        String project = AccessEvents.uniqueProjectId("repo-it");
        AccessEvent event = AccessEvents.enriched(project, "GET", "/dup", 200).build();
        repository.upsert(List.of(mapper.toWriteModel(InventoryDelta.of(event, 0, 1))));
        Document sameKeyOtherId = mapper.update(InventoryDelta.of(event, 0, 2)).get("$setOnInsert", Document.class);
        sameKeyOtherId.append("_id", "not-the-key-hash");
        assertThatThrownBy(() -> repository.mongoCollection().withDocumentClass(Document.class)
                .insertOne(sameKeyOtherId))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}
