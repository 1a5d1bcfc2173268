package dev.periscope.inventory.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.UpdateOneModel;

import dev.periscope.inventory.domain.InventoryDelta;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

class InventoryUpdateMapperTest {
    private final InventoryUpdateMapper mapper = new InventoryUpdateMapper();
    private final AccessEvent event = AccessEvents.enriched("p-map", "GET", "/users/{id}", 404).setTsMs(1_700_000_000_123L)
            .build();

    @Test
    void filterAddressesTheDocumentByInventoryKeyId() {
        Document filter = mapper.filter(InventoryDelta.of(event, 3, 42));

        assertThat(filter).isEqualTo(new Document("_id", InventoryKey.of(event).id()));
    }

    @Test
    void updateForOneEvent() {
        Document update = mapper.update(InventoryDelta.of(event, 3, 42));

        assertThat(update.get("$setOnInsert", Document.class)).isEqualTo(new Document()
                .append("project_id", "p-map").append("listener_name", "public-edge").append("protocol", "http/1.1")
                .append("host", "api.example.test").append("method", "GET").append("normalized_path", "/users/{id}")
                .append("grpc_service", "").append("grpc_method", ""));
        assertThat(update.get("$inc", Document.class))
                .isEqualTo(new Document("seen_count", 1L).append("status_dist.404", 1L));
        assertThat(update.get("$min", Document.class))
                .isEqualTo(new Document("first_seen", new Date(1_700_000_000_123L)));
        assertThat(update.get("$max", Document.class))
                .isEqualTo(new Document("last_seen", new Date(1_700_000_000_123L)).append("applied.3", 42L));
        assertThat(update.get("$push", Document.class)).isEqualTo(new Document("sample_event_ids",
                new Document("$each", List.of(event.getEventId())).append("$slice", -5)));
        assertThat(update.get("$addToSet", Document.class)).isEqualTo(new Document()
                .append("routes", new Document("$each", List.of("api")))
                .append("clusters", new Document("$each", List.of("backend")))
                .append("content_types", new Document("$each", List.of("application/json"))));
    }

    @Test
    void foldedEventsBecomeOneUpdateWithSums() {
        InventoryDelta delta = new InventoryDelta(InventoryKey.of(event), 0);
        for (int i = 0; i < 7; i++) {
            delta.add(event.toBuilder().setEventId("e" + i).setTsMs(1_000L + i).setStatusCode(i % 2 == 0 ? 200 : 500)
                    .build(), 100 + i);
        }

        Document update = mapper.update(delta);

        assertThat(update.get("$inc", Document.class)).isEqualTo(
                new Document("seen_count", 7L).append("status_dist.200", 4L).append("status_dist.500", 3L));
        assertThat(update.get("$min", Document.class)).isEqualTo(new Document("first_seen", new Date(1_000L)));
        assertThat(update.get("$max", Document.class))
                .isEqualTo(new Document("last_seen", new Date(1_006L)).append("applied.0", 106L));
        assertThat(update.get("$push", Document.class).get("sample_event_ids", Document.class).get("$each"))
                .isEqualTo(List.of("e2", "e3", "e4", "e5", "e6"));
        assertThat(delta.firstOffset()).isEqualTo(100L);
    }

    @Test
    void noAppliedWatermarkWithoutSourcePartitionAndNoEmptySets() {
        AccessEvent bare = event.toBuilder().clearRouteName().clearUpstreamCluster().clearContentType().build();

        Document update = mapper.update(InventoryDelta.of(bare, -1, -1));

        assertThat(update.get("$max", Document.class)).containsOnlyKeys("last_seen");
        assertThat(update).doesNotContainKey("$addToSet");
    }

    @Test
    void writeModelIsAnUpsert() {
        UpdateOneModel<Document> model = mapper.toWriteModel(InventoryDelta.of(event, 0, 1));

        assertThat(model.getOptions().isUpsert()).isTrue();
        assertThat(model.getFilter()).isEqualTo(new Document("_id", InventoryKey.of(event).id()));
    }
}
