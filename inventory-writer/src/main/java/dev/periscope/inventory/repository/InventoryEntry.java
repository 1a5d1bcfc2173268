package dev.periscope.inventory.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.mongodb.panache.common.MongoEntity;

/** One stored {@code api_inventory} document, field for field (snake_case in MongoDB and in JSON). */
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
    public boolean confirmed;
    @BsonProperty("seen_count")
    public long seenCount;
    @BsonProperty("first_seen")
    public Instant firstSeen;
    @BsonProperty("last_seen")
    public Instant lastSeen;
    @BsonProperty("risk_flags")
    public List<String> riskFlags;
    @BsonProperty("flag_last_seen")
    public Map<String, Instant> flagLastSeen;
    @BsonProperty("max_risk_score")
    public int maxRiskScore;
    @BsonProperty("max_posture_score")
    public int maxPostureScore;
    @BsonProperty("endpoint_categories")
    public List<String> endpointCategories;
    @BsonProperty("pii_categories")
    public List<String> piiCategories;
    @BsonProperty("auth_schemes")
    public List<String> authSchemes;
    @BsonProperty("auth_observed")
    public long authObserved;
    @BsonProperty("noauth_observed")
    public long noauthObserved;
    @BsonProperty("auth_last_seen")
    public Instant authLastSeen;
    @BsonProperty("noauth_last_seen")
    public Instant noauthLastSeen;
    public List<String> consumers;
    @BsonProperty("status_dist")
    public Map<String, Long> statusDist;
    @BsonProperty("latency_buckets")
    public Map<String, Double> latencyBuckets;
    @BsonProperty("sample_event_ids")
    public List<String> sampleEventIds;
    public List<String> routes;
    public List<String> clusters;
    @BsonProperty("content_types")
    public List<String> contentTypes;
    public List<String> origins;
    @BsonProperty("query_params")
    public List<String> queryParams;
    public Map<String, Long> applied;
}
