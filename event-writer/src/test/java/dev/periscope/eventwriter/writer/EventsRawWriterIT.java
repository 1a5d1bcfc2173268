package dev.periscope.eventwriter.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

import dev.periscope.eventwriter.mapping.StoragePolicy;
import dev.periscope.model.config.Policy;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** ClickHouseEventsRawWriter against the real ClickHouse endpoint (CLICKHOUSE_URI, default the local one). */
class EventsRawWriterIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DATABASE = "periscope_it_" + UUID.randomUUID().toString().substring(0, 8);

    private static Client client;
    private static SimpleMeterRegistry registry;
    private static ClickHouseSchema schema;
    private static AccessEventWriter writer;

    @BeforeAll
    static void connect() {
        String uri = Optional.ofNullable(System.getenv("CLICKHOUSE_URI")).orElse("http://127.0.0.1:8123");
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(uri,
                Optional.ofNullable(System.getenv("CLICKHOUSE_USERNAME")),
                Optional.ofNullable(System.getenv("CLICKHOUSE_PASSWORD")));
        client = new Client.Builder().addEndpoint(endpoint.url()).setUsername(endpoint.username())
                .setPassword(endpoint.password()).setDefaultDatabase("default").compressServerResponse(true)
                .setSocketTimeout(TIMEOUT.toMillis(), ChronoUnit.MILLIS).setMaxRetries(0).build();
        registry = new SimpleMeterRegistry();
        schema = new ClickHouseSchema(client, DATABASE, 7, TIMEOUT);
        writer = new MeteredEventWriter(new ClickHouseEventsRawWriter(client, schema, DATABASE, TIMEOUT,
                new WriteStatus(), () -> new StoragePolicy(false, false, true, Policy.NEVER_FORWARDED_HEADERS), Clock.systemUTC()), registry);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (client != null) {
            client.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`").get(30, TimeUnit.SECONDS).close();
            client.close();
        }
    }

    @Test
    void schemaAppliesTwiceWithoutError() {
        schema.ensureApplied();
        schema.markStale();
        schema.ensureApplied();
        assertThat(schema.applied()).isTrue();
        List<GenericRecord> table = client.queryAll("SELECT engine, sorting_key, partition_key FROM system.tables"
                + " WHERE database = '" + DATABASE + "' AND name = 'api_events_raw'");
        assertThat(table).hasSize(1);
        assertThat(table.get(0).getString("engine")).isEqualTo("MergeTree");
        assertThat(table.get(0).getString("sorting_key")).isEqualTo("project_id, normalized_path, ts");
        assertThat(table.get(0).getString("partition_key")).isEqualTo("toYYYYMMDD(ts)");
    }

    @Test
    void aBatchIsStoredWithExactValues() {
        String project = AccessEvents.uniqueProjectId("ew-it");
        long tsMs = System.currentTimeMillis() - 3_600_000L; // inside the 7-day TTL, or ClickHouse drops the row
        AccessEvent grpc = AccessEvents.enriched(project, "POST", "/pkg.Users/Get", 200)
                .setTsMs(tsMs)
                .setProtocol("http/2").setGrpcService("pkg.Users").setGrpcMethod("Get")
                .setGrpcStatus(5).setGrpcMessage("not found")
                .setDurationMs(3.25).setRequestBytes(10).setResponseBytes(5_000_000_000L)
                .setAuthObserved(true).setRiskScore(42).setPostureScore(7)
                .addRiskFlags("scanner").addPiiCategories("email").addPiiCategories("phone")
                .putTags("geo.country", "NL").putTags("ua.class", "bot")
                .putHeaders("x-request-id", "r-1")
                .addQueryParamNames("page")
                .setTlsVersion("TLSv1.3").setTlsSni("api.example.test")
                .build();
        AccessEvent plain = AccessEvents.enriched(project, "GET", "/users/{id}", 404).build();

        writer.insert(rows(grpc, plain), "it-" + project + "-0-1");

        List<GenericRecord> rows = client.queryAll("SELECT event_id, toUnixTimestamp64Milli(ts) AS ts_ms, method,"
                + " normalized_path, status_code, grpc_status, grpc_message, duration_ms, response_bytes,"
                + " auth_observed, risk_score, posture_score, risk_flags, pii_categories, tags, headers,"
                + " query_params, tls_version, tls_sni, source_ip_hash"
                + " FROM `" + DATABASE + "`.api_events_raw WHERE project_id = '" + project + "' ORDER BY method");
        assertThat(rows).hasSize(2);

        GenericRecord g = rows.get(1);
        assertThat(g.getString("event_id")).isEqualTo(grpc.getEventId());
        assertThat(g.getLong("ts_ms")).isEqualTo(tsMs);
        assertThat(g.getString("normalized_path")).isEqualTo("/pkg.Users/Get");
        assertThat(g.getInteger("status_code")).isEqualTo(200);
        assertThat(g.getInteger("grpc_status")).isEqualTo(5);
        assertThat(g.getString("grpc_message")).isEqualTo("not found");
        assertThat(g.getDouble("duration_ms")).isEqualTo(3.25);
        assertThat(g.getBigInteger("response_bytes").longValue()).isEqualTo(5_000_000_000L);
        assertThat(g.getInteger("auth_observed")).isEqualTo(1);
        assertThat(g.getInteger("risk_score")).isEqualTo(42);
        assertThat(g.getInteger("posture_score")).isEqualTo(7);
        assertThat(g.getList("risk_flags")).containsExactly("scanner");
        assertThat(g.getList("pii_categories")).containsExactly("email", "phone");
        assertThat(asMap(g.getObject("tags"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("geo.country", "NL", "ua.class", "bot"));
        assertThat(asMap(g.getObject("headers"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("x-request-id", "r-1"));
        assertThat(g.getList("query_params")).containsExactly("page");
        assertThat(g.getString("tls_version")).isEqualTo("TLSv1.3");
        assertThat(g.getString("tls_sni")).isEqualTo("api.example.test");

        GenericRecord p = rows.get(0);
        assertThat(p.getString("event_id")).isEqualTo(plain.getEventId());
        assertThat(p.getInteger("status_code")).isEqualTo(404);
        assertThat(p.hasValue("grpc_status")).isFalse();
        assertThat(p.getString("source_ip_hash")).isEqualTo("0123456789abcdef");
        assertThat(asMap(p.getObject("tags"))).isEmpty();
        assertThat(p.getList("risk_flags")).isEmpty();
    }

    @Test
    void theSameBatchWithTheSameTokenIsStoredOnce() {
        String project = AccessEvents.uniqueProjectId("ew-dedup");
        List<AccessEvent> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(AccessEvents.enriched(project, "GET", "/items/{id}", 200).build());
        }
        String token = "periscope.access.enriched.v1-0-100-124-" + project;

        writer.insert(rows(batch.toArray(AccessEvent[]::new)), token);
        writer.insert(rows(batch.toArray(AccessEvent[]::new)), token);
        assertThat(count(project)).isEqualTo(25);

        writer.insert(rows(batch.toArray(AccessEvent[]::new)), token + "-other");
        assertThat(count(project)).isEqualTo(50);
    }

    private static List<RawRow> rows(AccessEvent... events) {
        return java.util.Arrays.stream(events).map(RawRow::unsampled).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<Object, Object>) value;
    }

    private static long count(String project) {
        return client.queryAll("SELECT count() AS n FROM `" + DATABASE + "`.api_events_raw WHERE project_id = '"
                + project + "'").get(0).getLong("n");
    }
}
