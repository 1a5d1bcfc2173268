-- Rollups: AggregatingMergeTree tables fed by materialized views off api_events_raw. Query with -Merge
-- combinators and GROUP BY the bucket. Counts and sums are weighted by sample_weight, so raw sampling does not
-- under-count them (events_count, error_count, client_error_count, response_bytes_sum: sumMerge; duration:
-- weighted t-digest and average). unique_* are distinct counts of what was kept (uniqHLL12Merge).
-- Inserts set deduplicate_blocks_in_dependent_materialized_views=1 and these tables keep a deduplication
-- window, so a replayed insert does not count twice here either.

CREATE TABLE IF NOT EXISTS `${database}`.api_events_1m
(
    bucket             DateTime  CODEC(DoubleDelta, ZSTD(1)),
    project_id         LowCardinality(String),
    listener_name      LowCardinality(String),
    method             LowCardinality(String),
    normalized_path    String  CODEC(ZSTD(1)),
    status_class       UInt8,
    events_count       AggregateFunction(sum, UInt64),
    duration_quantiles AggregateFunction(quantilesTDigestWeighted(0.5, 0.95, 0.99), Float64, UInt32),
    duration_avg       AggregateFunction(avgWeighted, Float64, UInt32),
    response_bytes_sum AggregateFunction(sum, UInt64),
    response_bytes_max AggregateFunction(max, UInt64),
    max_risk_score     AggregateFunction(max, UInt8),
    unique_consumers   AggregateFunction(uniqHLL12, String),
    unique_source_ips  AggregateFunction(uniqHLL12, String),
    error_count        AggregateFunction(sum, UInt64),
    client_error_count AggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (project_id, listener_name, method, normalized_path, status_class, bucket)
TTL bucket + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.api_events_1m_mv TO `${database}`.api_events_1m AS
SELECT
    toStartOfMinute(ts) AS bucket,
    project_id,
    listener_name,
    method,
    normalized_path,
    toUInt8(intDiv(status_code, 100)) AS status_class,
    sumState(toUInt64(sample_weight)) AS events_count,
    quantilesTDigestWeightedState(0.5, 0.95, 0.99)(duration_ms, sample_weight) AS duration_quantiles,
    avgWeightedState(duration_ms, sample_weight) AS duration_avg,
    sumState(response_bytes * sample_weight) AS response_bytes_sum,
    maxState(response_bytes) AS response_bytes_max,
    maxState(risk_score) AS max_risk_score,
    uniqHLL12StateIf(consumer_hash, consumer_hash != '') AS unique_consumers,
    uniqHLL12StateIf(source_ip_hash, source_ip_hash != '') AS unique_source_ips,
    sumState(toUInt64(if(status_code >= 500, sample_weight, 0))) AS error_count,
    sumState(toUInt64(if(status_code >= 400 AND status_code < 500, sample_weight, 0))) AS client_error_count
FROM `${database}`.api_events_raw
GROUP BY bucket, project_id, listener_name, method, normalized_path, status_class;

CREATE TABLE IF NOT EXISTS `${database}`.api_events_1h
(
    bucket             DateTime  CODEC(DoubleDelta, ZSTD(1)),
    project_id         LowCardinality(String),
    listener_name      LowCardinality(String),
    method             LowCardinality(String),
    normalized_path    String  CODEC(ZSTD(1)),
    status_class       UInt8,
    events_count       AggregateFunction(sum, UInt64),
    duration_quantiles AggregateFunction(quantilesTDigestWeighted(0.5, 0.95, 0.99), Float64, UInt32),
    duration_avg       AggregateFunction(avgWeighted, Float64, UInt32),
    response_bytes_sum AggregateFunction(sum, UInt64),
    response_bytes_max AggregateFunction(max, UInt64),
    max_risk_score     AggregateFunction(max, UInt8),
    unique_consumers   AggregateFunction(uniqHLL12, String),
    unique_source_ips  AggregateFunction(uniqHLL12, String),
    error_count        AggregateFunction(sum, UInt64),
    client_error_count AggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(bucket)
ORDER BY (project_id, listener_name, method, normalized_path, status_class, bucket)
TTL bucket + INTERVAL 180 DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.api_events_1h_mv TO `${database}`.api_events_1h AS
SELECT
    toStartOfHour(ts) AS bucket,
    project_id,
    listener_name,
    method,
    normalized_path,
    toUInt8(intDiv(status_code, 100)) AS status_class,
    sumState(toUInt64(sample_weight)) AS events_count,
    quantilesTDigestWeightedState(0.5, 0.95, 0.99)(duration_ms, sample_weight) AS duration_quantiles,
    avgWeightedState(duration_ms, sample_weight) AS duration_avg,
    sumState(response_bytes * sample_weight) AS response_bytes_sum,
    maxState(response_bytes) AS response_bytes_max,
    maxState(risk_score) AS max_risk_score,
    uniqHLL12StateIf(consumer_hash, consumer_hash != '') AS unique_consumers,
    uniqHLL12StateIf(source_ip_hash, source_ip_hash != '') AS unique_source_ips,
    sumState(toUInt64(if(status_code >= 500, sample_weight, 0))) AS error_count,
    sumState(toUInt64(if(status_code >= 400 AND status_code < 500, sample_weight, 0))) AS client_error_count
FROM `${database}`.api_events_raw
GROUP BY bucket, project_id, listener_name, method, normalized_path, status_class;

CREATE TABLE IF NOT EXISTS `${database}`.api_events_1d
(
    bucket             Date  CODEC(DoubleDelta, ZSTD(1)),
    project_id         LowCardinality(String),
    listener_name      LowCardinality(String),
    method             LowCardinality(String),
    status_class       UInt8,
    events_count       AggregateFunction(sum, UInt64),
    duration_quantiles AggregateFunction(quantilesTDigestWeighted(0.5, 0.95, 0.99), Float64, UInt32),
    duration_avg       AggregateFunction(avgWeighted, Float64, UInt32),
    response_bytes_sum AggregateFunction(sum, UInt64),
    response_bytes_max AggregateFunction(max, UInt64),
    max_risk_score     AggregateFunction(max, UInt8),
    unique_consumers   AggregateFunction(uniqHLL12, String),
    unique_source_ips  AggregateFunction(uniqHLL12, String),
    error_count        AggregateFunction(sum, UInt64),
    client_error_count AggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(bucket)
ORDER BY (project_id, listener_name, method, status_class, bucket)
TTL bucket + INTERVAL 730 DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS `${database}`.api_events_1d_mv TO `${database}`.api_events_1d AS
SELECT
    toDate(ts) AS bucket,
    project_id,
    listener_name,
    method,
    toUInt8(intDiv(status_code, 100)) AS status_class,
    sumState(toUInt64(sample_weight)) AS events_count,
    quantilesTDigestWeightedState(0.5, 0.95, 0.99)(duration_ms, sample_weight) AS duration_quantiles,
    avgWeightedState(duration_ms, sample_weight) AS duration_avg,
    sumState(response_bytes * sample_weight) AS response_bytes_sum,
    maxState(response_bytes) AS response_bytes_max,
    maxState(risk_score) AS max_risk_score,
    uniqHLL12StateIf(consumer_hash, consumer_hash != '') AS unique_consumers,
    uniqHLL12StateIf(source_ip_hash, source_ip_hash != '') AS unique_source_ips,
    sumState(toUInt64(if(status_code >= 500, sample_weight, 0))) AS error_count,
    sumState(toUInt64(if(status_code >= 400 AND status_code < 500, sample_weight, 0))) AS client_error_count
FROM `${database}`.api_events_raw
GROUP BY bucket, project_id, listener_name, method, status_class;
