package dev.periscope.eventwriter.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

import dev.periscope.eventwriter.mapping.StoragePolicy;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Every rollup, read with -Merge combinators, against the raw table it is materialized from: sample-weighted counts,
 * sums, errors, maxima, distinct counts, average and quantiles, and a replayed insert (same token) counted once.
 */
class RollupsIT {
    private static Client client;
    private static String database;
    private static String project;

    @BeforeAll
    static void writeEvents() {
        client = ClickHouseTestSupport.client();
        database = ClickHouseTestSupport.uniqueDatabase("periscope_rollup");
        ClickHouseSchema schema = new ClickHouseSchema(client, database, 7, ClickHouseTestSupport.TIMEOUT);
        AccessEventWriter writer = new MeteredEventWriter(new ClickHouseEventsRawWriter(client, schema, database,
                ClickHouseTestSupport.TIMEOUT, new WriteStatus(), StoragePolicy::hashesOnly, Clock.systemUTC()),
                new SimpleMeterRegistry());
        project = AccessEvents.uniqueProjectId("rollup");
        long ts = (System.currentTimeMillis() / 60_000 - 5) * 60_000 + 1_000; // one minute, hour and day bucket
        List<RawRow> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int status = i % 6 == 0 ? 503 : i % 6 == 1 ? 404 : 200;
            AccessEvent event = AccessEvents.enriched(project, "GET", "/orders/{id}", status).setTsMs(ts + i * 10)
                    .setDurationMs(1 + i).setResponseBytes(100L * i).setRiskScore(i % 7)
                    .setConsumerHash("consumer-" + (i % 3)).setSourceIpHash("ip-" + (i % 5)).build();
            rows.add(new RawRow(event, status == 200 ? 5 : 1)); // benign rows stand for 5 events each
        }
        writer.insert(rows, "rollups-it-" + project);
        writer.insert(rows, "rollups-it-" + project); // a replay after a crash: deduplicated in raw and rollups
    }

    @AfterAll
    static void drop() {
        ClickHouseTestSupport.drop(client, database);
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_events_1m", "api_events_1h", "api_events_1d"})
    void rollupMatchesTheRawTable(String rollup) {
        GenericRecord raw = client.queryAll("SELECT sum(sample_weight) AS events,"
                + " sumIf(sample_weight, status_code >= 500) AS errors,"
                + " sumIf(sample_weight, status_code >= 400 AND status_code < 500) AS client_errors,"
                + " sum(response_bytes * sample_weight) AS bytes_sum, max(response_bytes) AS bytes_max,"
                + " max(risk_score) AS max_risk, uniqExact(consumer_hash) AS consumers,"
                + " uniqExact(source_ip_hash) AS ips, avgWeighted(duration_ms, sample_weight) AS avg_ms,"
                + " quantileExactWeighted(0.5)(duration_ms, sample_weight) AS p50, count() AS raw_rows"
                + " FROM `" + database + "`.api_events_raw WHERE project_id = '" + project + "'").get(0);
        assertThat(raw.getLong("raw_rows")).isEqualTo(60);
        assertThat(raw.getLong("events")).isEqualTo(40 * 5 + 20);

        List<GenericRecord> buckets = client.queryAll("SELECT bucket, sumMerge(events_count) AS events,"
                + " sumMerge(error_count) AS errors, sumMerge(client_error_count) AS client_errors,"
                + " sumMerge(response_bytes_sum) AS bytes_sum, maxMerge(response_bytes_max) AS bytes_max,"
                + " maxMerge(max_risk_score) AS max_risk, uniqHLL12Merge(unique_consumers) AS consumers,"
                + " uniqHLL12Merge(unique_source_ips) AS ips, avgWeightedMerge(duration_avg) AS avg_ms,"
                + " quantilesTDigestWeightedMerge(0.5, 0.95, 0.99)(duration_quantiles) AS q"
                + " FROM `" + database + "`." + rollup + " WHERE project_id = '" + project + "' GROUP BY bucket");
        assertThat(buckets).hasSize(1);
        GenericRecord r = buckets.get(0);
        for (String column : List.of("events", "errors", "client_errors", "bytes_sum", "bytes_max", "max_risk",
                "consumers", "ips")) {
            assertThat(r.getBigInteger(column)).as(rollup + "." + column).isEqualTo(raw.getBigInteger(column));
        }
        assertThat(r.getDouble("avg_ms")).isCloseTo(raw.getDouble("avg_ms"), within(1e-9));
        List<?> quantiles = r.getList("q");
        assertThat(quantiles).hasSize(3);
        assertThat(((Number) quantiles.get(0)).doubleValue()).isCloseTo(raw.getDouble("p50"), within(3.0));
    }
}
