package dev.periscope.eventwriter.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;

import dev.periscope.eventwriter.mapping.AccessEventRowMapper;
import dev.periscope.eventwriter.mapping.StoragePolicy;
import dev.periscope.model.config.Policy;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

/**
 * The encoder against the engine, byte for byte: rows encoded by {@link AccessEventRowMapper} are inserted, then
 * selected back in RowBinary with the same column list; the engine must hand back exactly the bytes we sent.
 */
class RowBinaryRoundTripIT {
    private static final StoragePolicy KEEP_ALL = new StoragePolicy(true, true, true, Policy.NEVER_FORWARDED_HEADERS);
    private static Client client;
    private static String database;

    @BeforeAll
    static void schema() {
        client = ClickHouseTestSupport.client();
        database = ClickHouseTestSupport.uniqueDatabase("periscope_rb");
        new ClickHouseSchema(client, database, 30, ClickHouseTestSupport.TIMEOUT).ensureApplied();
    }

    @AfterAll
    static void drop() {
        ClickHouseTestSupport.drop(client, database);
        client.close();
    }

    @Test
    void theEngineReturnsExactlyTheBytesTheEncoderWrote() throws Exception {
        String project = AccessEvents.uniqueProjectId("rb");
        long ts = System.currentTimeMillis() - 60_000;
        List<AccessEvent> events = List.of(
                AccessEvents.enriched(project, "GET", "/a/{id}", 200).setTsMs(ts).build(),
                AccessEvents.enriched(project, "POST", "/pkg.S/M", 200).setTsMs(ts + 1).setGrpcService("pkg.S")
                        .setGrpcMethod("M").setGrpcStatus(-3).setGrpcMessage("ünïcødé ✓ 🚀").setDurationMs(0.1 + 0.2)
                        .setRequestBytes(0).setResponseBytes(-1L) // UInt64 max
                        .setStatusCode(65_535).setRiskScore(255).setPostureScore(0)
                        .addAllRiskFlags(List.of("a", "b", "c")).addPiiCategories("email")
                        .addEndpointCategories("auth_endpoint").putTags("geo.country", "NL")
                        .putTags("ua.class", "bot").putHeaders("x-request-id", "r".repeat(300))
                        .addQueryParamNames("q").setConfirmed(true).addQueryPiiCategories("jwt")
                        .addAuthSchemes("mtls").setRouteName("r").setUpstreamCluster("c")
                        .addResponseFlags("UH").setContentType("text/html").setHashKeyId("k1")
                        .setSourceIp("2001:db8::1").setUserAgent("Mozilla/5.0").setAuthObserved(true)
                        .setTlsVersion("TLSv1.2").setTlsSni("sni").setTlsPeerSubject("CN=s")
                        .setTlsPeerIssuer("CN=i").build(),
                AccessEvents.enriched(project, "DELETE", "/" + "x".repeat(20_000), 500).setTsMs(ts + 2)
                        .setDurationMs(Double.MAX_VALUE).build());
        RowBinaryEncoder encoder = new RowBinaryEncoder();
        int weight = 1;
        for (AccessEvent event : events) {
            AccessEventRowMapper.write(event, weight, KEEP_ALL, encoder);
            weight *= 7;
        }
        byte[] sent = encoder.toByteArray();

        client.insert(ApiEventsRawTable.qualifiedName(database), ApiEventsRawTable.COLUMNS, encoder.toInputStream(),
                ClickHouseFormat.RowBinary, new InsertSettings()).get(30, TimeUnit.SECONDS).close();

        String select = "SELECT " + String.join(", ", ApiEventsRawTable.COLUMNS) + " FROM "
                + ApiEventsRawTable.qualifiedName(database) + " WHERE project_id = '" + project + "' ORDER BY ts";
        byte[] back;
        try (QueryResponse response = client.query(select, new QuerySettings().setFormat(ClickHouseFormat.RowBinary))
                .get(30, TimeUnit.SECONDS); InputStream in = response.getInputStream()) {
            back = in.readAllBytes();
        }
        assertThat(back).hasSize(sent.length);
        assertThat(back).isEqualTo(sent);
    }
}
