package dev.periscope.inventory.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** One {@code api_inventory} document as the read API returns it (snake_case JSON, like the stored fields). */
@MongoEntity(collection = InventoryRepository.COLLECTION)
public class InventoryEntry {
    @BsonId
    @JsonProperty("_id")
    public String id;
    @BsonProperty("project_id")
    public String projectId;
    @BsonProperty("listener_name")
    public String listenerName;
    public String protocol;
    public String host;
    public String method;
    @BsonProperty("normalized_path")
    public String normalizedPath;
    @BsonProperty("grpc_service")
    public String grpcService;
    @BsonProperty("grpc_method")
    public String grpcMethod;
    @BsonProperty("seen_count")
    public long seenCount;
    @BsonProperty("first_seen")
    public Instant firstSeen;
    @BsonProperty("last_seen")
    public Instant lastSeen;
    @BsonProperty("status_dist")
    public Map<String, Long> statusDist;
    @BsonProperty("sample_event_ids")
    public List<String> sampleEventIds;
    public List<String> routes;
    public List<String> clusters;
    @BsonProperty("content_types")
    public List<String> contentTypes;
    public Map<String, Long> applied;
}
