-- api_events_raw: the append-only event log (seed reference "Storage schema").
-- Placeholders: ${database}, ${retention_days}. Applied at every start; every statement must be idempotent.
-- Rollups (api_events_1m/1h/1d) come as later numbered files; add them to index.txt.

CREATE DATABASE IF NOT EXISTS `${database}`;

CREATE TABLE IF NOT EXISTS `${database}`.api_events_raw
(
    event_id            String                               CODEC(ZSTD(1)),
    ts                  DateTime64(3)                        CODEC(DoubleDelta, ZSTD(1)),
    project_id          LowCardinality(String)               CODEC(ZSTD(1)),
    listener_name       LowCardinality(String)               CODEC(ZSTD(1)),
    listener_ip         LowCardinality(String)               CODEC(ZSTD(1)),
    protocol            LowCardinality(String)               CODEC(ZSTD(1)),
    method              LowCardinality(String)               CODEC(ZSTD(1)),
    host                LowCardinality(String)               CODEC(ZSTD(1)),
    normalized_path     String                               CODEC(ZSTD(1)),
    grpc_service        LowCardinality(String)               CODEC(ZSTD(1)),
    grpc_method         LowCardinality(String)               CODEC(ZSTD(1)),
    status_code         UInt16                               CODEC(ZSTD(1)),
    grpc_status         Nullable(Int32)                      CODEC(ZSTD(1)),
    grpc_message        String                               CODEC(ZSTD(1)),
    duration_ms         Float64                              CODEC(Gorilla, ZSTD(1)),
    request_bytes       UInt64                               CODEC(ZSTD(1)),
    response_bytes      UInt64                               CODEC(ZSTD(1)),
    source_ip_hash      String                               CODEC(ZSTD(1)),
    user_agent_hash     String                               CODEC(ZSTD(1)),
    consumer_hash       String                               CODEC(ZSTD(1)),
    source_ip           String                               CODEC(ZSTD(1)),
    user_agent          String                               CODEC(ZSTD(1)),
    auth_observed       UInt8                                CODEC(ZSTD(1)),
    risk_flags          Array(LowCardinality(String))        CODEC(ZSTD(1)),
    pii_categories      Array(LowCardinality(String))        CODEC(ZSTD(1)),
    endpoint_categories Array(LowCardinality(String))        CODEC(ZSTD(1)),
    risk_score          UInt8                                CODEC(ZSTD(1)),
    posture_score       UInt8                                CODEC(ZSTD(1)),
    tls_version         LowCardinality(String)               CODEC(ZSTD(1)),
    tls_sni             String                               CODEC(ZSTD(1)),
    tls_peer_subject    String                               CODEC(ZSTD(1)),
    tls_peer_issuer     String                               CODEC(ZSTD(1)),
    tags                Map(LowCardinality(String), String)  CODEC(ZSTD(1)),
    headers             Map(LowCardinality(String), String)  CODEC(ZSTD(1)),
    query_params        Array(String)                        CODEC(ZSTD(1))
)
ENGINE = MergeTree
PARTITION BY toYYYYMMDD(ts)
ORDER BY (project_id, normalized_path, ts)
TTL toDateTime(ts) + INTERVAL ${retention_days} DAY
SETTINGS non_replicated_deduplication_window = 1000, index_granularity = 8192;
