package dev.periscope.inventory.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.UpdateOneModel;

import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.inventory.domain.InventoryLimits;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

class InventoryUpdateMapperTest {
    private static final long T = 1_700_000_000_123L;
    private final InventoryUpdateMapper mapper = new InventoryUpdateMapper();
    private final AccessEvent event = AccessEvents.enriched("p-map", "GET", "/users/{id}", 404).setTsMs(T)
            .setDurationMs(42.0).setConfirmed(true).setAuthObserved(true).addAuthSchemes("jwt")
            .setConsumerHash("0011223344556677").addRiskFlags("bola_suspect").setRiskScore(60).setPostureScore(20)
            .addEndpointCategories("auth_endpoint").addPiiCategories("email").addQueryParamNames("page")
            .putHeaders("origin", "https://app.example").build();

    @Test
    void filterFencesOnTheAppliedOffsetOfThePartition() {
        Document filter = mapper.filter(InventoryDelta.of(event, 3, 42));

        assertThat(filter).isEqualTo(new Document("_id", InventoryKey.of(event).id())
                .append("applied.3", new Document("$not", new Document("$gte", 42L))));
    }

    @Test
    void unfencedFilterIsTheIdAloneButTheUpdateStillRaisesTheWatermark() {
        InventoryDelta delta = InventoryDelta.of(event, 3, 42);

        assertThat(mapper.filter(delta, false)).isEqualTo(new Document("_id", InventoryKey.of(event).id()));
        assertThat(mapper.toWriteModel(delta, false).getFilter())
                .isEqualTo(new Document("_id", InventoryKey.of(event).id()));
        assertThat(mapper.toWriteModel(delta, false).getOptions().isUpsert()).isTrue();
        assertThat(mapper.update(delta).get("$max", Document.class).get("applied.3")).isEqualTo(42L);
        assertThat(mapper.toWriteModel(delta, true).getFilter()).isEqualTo(mapper.filter(delta));
    }

    @Test
    void withoutASourcePositionTheFilterIsTheIdAlone() {
        assertThat(mapper.filter(InventoryDelta.of(event, -1, -1)))
                .isEqualTo(new Document("_id", InventoryKey.of(event).id()));
    }

    @Test
    void updateForOneEventNamesEveryField() {
        Document update = mapper.update(InventoryDelta.of(event, 3, 42));

        assertThat(update.get("$setOnInsert", Document.class)).isEqualTo(new Document()
                .append("project_id", "p-map").append("listener_name", "public-edge").append("protocol", "http/1.1")
                .append("host", "api.example.test").append("method", "GET").append("normalized_path", "/users/{id}")
                .append("grpc_service", "").append("grpc_method", "")
                // counters with nothing to add are only created, never incremented by 0
                .append("noauth_observed", 0L).append("latency_buckets.lt5", 0L).append("latency_buckets.lt25", 0L)
                .append("latency_buckets.lt500", 0L).append("latency_buckets.lt2000", 0L)
                .append("latency_buckets.ge2000", 0L));
        assertThat(update.get("$set", Document.class)).isEqualTo(new Document("confirmed", true));
        assertThat(update.get("$inc", Document.class)).isEqualTo(new Document("seen_count", 1L)
                .append("auth_observed", 1L).append("status_dist.404", 1L).append("latency_buckets.lt100", 1L));
        assertThat(update.get("$min", Document.class)).isEqualTo(new Document("first_seen", new Date(T)));
        assertThat(update.get("$max", Document.class)).isEqualTo(new Document("last_seen", new Date(T))
                .append("max_risk_score", 60).append("max_posture_score", 20)
                .append("latency_buckets.latency_max_ms", 42.0)
                .append("flag_last_seen.bola_suspect", new Date(T))
                .append("auth_last_seen", new Date(T))
                .append("applied.3", 42L));
        assertThat(update.get("$push", Document.class)).isEqualTo(new Document("sample_event_ids",
                new Document("$each", List.of(event.getEventId())).append("$slice", -5)));
        assertThat(update.get("$addToSet", Document.class)).isEqualTo(new Document()
                .append("risk_flags", each("bola_suspect"))
                .append("endpoint_categories", each("auth_endpoint"))
                .append("pii_categories", each("email"))
                .append("auth_schemes", each("jwt"))
                .append("consumers", each("0011223344556677"))
                .append("query_params", each("page"))
                .append("routes", each("api"))
                .append("clusters", each("backend"))
                .append("content_types", each("application/json"))
                .append("origins", each("https://app.example")));
    }

    @Test
    void anUnconfirmedDeltaNeverUnsetsConfirmedItOnlyInitialisesIt() {
        AccessEvent probe = event.toBuilder().setConfirmed(false).build();

        Document update = mapper.update(InventoryDelta.of(probe, 0, 1));

        assertThat(update).doesNotContainKey("$set");
        assertThat(update.get("$setOnInsert", Document.class).get("confirmed")).isEqualTo(false);
    }

    @Test
    void foldedEventsBecomeOneUpdateWithSums() {
        InventoryDelta delta = new InventoryDelta(InventoryKey.of(event), 0, InventoryLimits.DEFAULTS);
        for (int i = 0; i < 7; i++) {
            delta.add(event.toBuilder().setEventId("e" + i).setTsMs(1_000L + i).setStatusCode(i % 2 == 0 ? 200 : 500)
                    .setAuthObserved(i < 2).build(), 100 + i);
        }

        Document update = mapper.update(delta);

        Document inc = update.get("$inc", Document.class);
        assertThat(inc.get("seen_count")).isEqualTo(7L);
        assertThat(inc.get("status_dist.200")).isEqualTo(4L);
        assertThat(inc.get("status_dist.500")).isEqualTo(3L);
        assertThat(inc.get("auth_observed")).isEqualTo(2L);
        assertThat(inc.get("noauth_observed")).isEqualTo(5L);
        assertThat(update.get("$min", Document.class)).isEqualTo(new Document("first_seen", new Date(1_000L)));
        assertThat(update.get("$max", Document.class).get("applied.0")).isEqualTo(106L);
        assertThat(update.get("$push", Document.class).get("sample_event_ids", Document.class).get("$each"))
                .isEqualTo(List.of("e2", "e3", "e4", "e5", "e6"));
        assertThat(mapper.filter(delta).get("applied.0", Document.class))
                .isEqualTo(new Document("$not", new Document("$gte", 100L)));
    }

    @Test
    void emptyListsAreStillNamedSoEveryDocumentHasTheSameShape() {
        AccessEvent bare = AccessEvents.enriched("p", "GET", "/", 200).clearRouteName().clearUpstreamCluster()
                .clearContentType().setAuthObserved(true).build();

        Document update = mapper.update(InventoryDelta.of(bare, -1, -1));

        assertThat(update).as("nothing to add: no (empty) $addToSet, which older servers reject")
                .doesNotContainKey("$addToSet");
        Document onInsert = update.get("$setOnInsert", Document.class);
        for (String list : List.of("risk_flags", "endpoint_categories", "pii_categories", "auth_schemes",
                "consumers", "query_params", "routes", "clusters", "content_types", "origins")) {
            assertThat(onInsert).as("an empty list is created on insert, not added to on every update")
                    .containsEntry(list, List.of());
        }
    }

    @Test
    void trimCutsOnlyTheCappedListsTheDeltaAddedTo() {
        InventoryDelta delta = new InventoryDelta(InventoryKey.of(event), 0, new InventoryLimits(3, 7, 9));
        delta.add(event.toBuilder().clearQueryParamNames().clearHeaders().build(), 1);

        UpdateOneModel<Document> trim = mapper.toTrimModel(delta).orElseThrow();

        assertThat(trim.getFilter()).isEqualTo(new Document("_id", delta.id()));
        assertThat(((Document) trim.getUpdate()).get("$push", Document.class)).isEqualTo(new Document()
                .append("consumers", slice(3)).append("routes", slice(9)).append("clusters", slice(9))
                .append("content_types", slice(9)));
        AccessEvent nothingCapped = AccessEvents.enriched("p", "GET", "/", 200).clearRouteName()
                .clearUpstreamCluster().clearContentType().build();
        assertThat(mapper.toTrimModel(InventoryDelta.of(nothingCapped, 0, 1))).isEmpty();
    }

    @Test
    void plannedUpsertOfAKnownDocumentBoundsItsListsItselfAndOnlyInitialisesUnchangedOnes() {
        InventoryDelta delta = new InventoryDelta(InventoryKey.of(event), 0, new InventoryLimits(3, 7, 9));
        delta.add(event.toBuilder().setConsumerHash("c-new").build(), 1);
        CappedListMirror mirror = new CappedListMirror(10);
        mirror.learn(delta.id(), Map.of("consumers", List.of("c1", "c2", "c3"), "query_params", List.of(),
                "routes", List.of("api"), "clusters", List.of(), "content_types", List.of("application/json")));

        Document update = mapper.update(delta, mirror.plan(delta));

        assertThat(update.get("$push", Document.class)).isEqualTo(new Document("sample_event_ids",
                new Document("$each", List.of(event.getEventId())).append("$slice", -5))
                .append("consumers", new Document("$each", List.of("c-new")).append("$slice", -3)));
        assertThat(update.get("$addToSet", Document.class)).isEqualTo(new Document()
                .append("risk_flags", each("bola_suspect")).append("endpoint_categories", each("auth_endpoint"))
                .append("pii_categories", each("email")).append("auth_schemes", each("jwt"))
                .append("query_params", each("page")).append("clusters", each("backend"))
                .append("origins", each("https://app.example")));
        assertThat(update.get("$setOnInsert", Document.class)).as("known lists with nothing new: only on insert")
                .containsEntry("routes", List.of()).containsEntry("content_types", List.of());
    }

    @Test
    void plannedInsertNamesEveryListAndNeedsNoTrim() {
        AccessEvent bare = AccessEvents.enriched("p", "GET", "/", 200).clearRouteName().clearUpstreamCluster()
                .clearContentType().setConsumerHash("c1").build();
        InventoryDelta delta = InventoryDelta.of(bare, 0, 1);
        CappedListMirror mirror = new CappedListMirror(10);
        mirror.learnAbsent(delta.id());

        Document update = mapper.update(delta, mirror.plan(delta));

        Document onInsert = update.get("$setOnInsert", Document.class);
        for (String list : List.of("risk_flags", "endpoint_categories", "pii_categories", "query_params", "routes",
                "clusters", "content_types", "origins")) {
            assertThat(onInsert).containsEntry(list, List.of());
        }
        assertThat(update.get("$addToSet", Document.class)).isEqualTo(new Document("auth_schemes", each("none"))
                .append("consumers", each("c1")));
        assertThat(update.get("$push", Document.class).keySet()).as("only the sample ids: nothing overflows")
                .containsExactly("sample_event_ids");
    }

    @Test
    void withoutAPlanTheUpdateIsTheUnplannedOne() {
        InventoryDelta delta = InventoryDelta.of(event, 0, 1);

        assertThat(mapper.update(delta, java.util.Optional.empty())).isEqualTo(mapper.update(delta));
        assertThat(mapper.toWriteModel(delta, false, new CappedListMirror(10).plan(delta)).getUpdate())
                .isEqualTo(mapper.update(delta));
    }

    @Test
    void writeModelIsAnUpsert() {
        UpdateOneModel<Document> model = mapper.toWriteModel(InventoryDelta.of(event, 0, 1));

        assertThat(model.getOptions().isUpsert()).isTrue();
    }

    private static Document each(String... values) {
        return new Document("$each", List.of(values));
    }

    private static Document slice(int cap) {
        return new Document("$each", List.of()).append("$slice", -cap);
    }
}
