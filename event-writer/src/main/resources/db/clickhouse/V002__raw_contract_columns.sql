-- Contract fields that arrived after V001 (access_event.proto 43, 63, 70, 31-35, 50) and the sampling weight.
-- Append-only: a shipped file never changes (its checksum is recorded); a new need is a new file.

ALTER TABLE `${database}`.api_events_raw
    ADD COLUMN IF NOT EXISTS confirmed            UInt8                          CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS query_pii_categories Array(LowCardinality(String))  CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS auth_schemes         Array(LowCardinality(String))  CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS route_name           LowCardinality(String)         CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS upstream_cluster     LowCardinality(String)         CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS response_flags       Array(LowCardinality(String))  CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS content_type         LowCardinality(String)         CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS hash_key_id          LowCardinality(String)         CODEC(ZSTD(1)),
    ADD COLUMN IF NOT EXISTS sample_weight        UInt32 DEFAULT 1               CODEC(ZSTD(1));
