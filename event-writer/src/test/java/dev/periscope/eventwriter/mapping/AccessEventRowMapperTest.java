package dev.periscope.eventwriter.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.eventwriter.writer.ApiEventsRawTable;
import dev.periscope.eventwriter.writer.RowBinaryEncoder;
import dev.periscope.model.config.Policy;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;

class AccessEventRowMapperTest {
    private static final StoragePolicy HEADERS_KEPT = new StoragePolicy(false, false, true,
            Policy.NEVER_FORWARDED_HEADERS);

    private static AccessEvent fullEvent() {
        return AccessEvents.enriched("proj-a", "GET", "/users/{id}", 404)
                .setPath("/users/42")
                .setTsMs(1_700_000_000_123L)
                .setGrpcService("pkg.Users")
                .setGrpcMethod("Get")
                .setGrpcStatus(5)
                .setGrpcMessage("not found")
                .setDurationMs(12.75)
                .setRequestBytes(321)
                .setResponseBytes(4_294_967_296L)
                .setConsumerHash("aaaabbbbccccdddd")
                .setAuthObserved(true)
                .addAllRiskFlags(List.of("scanner", "bola_suspect"))
                .addPiiCategories("email")
                .addEndpointCategories("admin_endpoint")
                .setRiskScore(70)
                .setPostureScore(300)
                .setTlsVersion("TLSv1.3")
                .setTlsSni("api.example.test")
                .setTlsPeerSubject("CN=client")
                .setTlsPeerIssuer("CN=ca")
                .putTags("ua.class", "browser")
                .putTags("geo.country", "NL")
                .putHeaders("x-request-id", "r-1")
                .addAllQueryParamNames(List.of("page", "size"))
                .setConfirmed(true)
                .addQueryPiiCategories("email")
                .addAuthSchemes("jwt")
                .setRouteName("users-route")
                .setUpstreamCluster("users-svc")
                .addResponseFlags("UF")
                .setContentType("application/json")
                .setHashKeyId("k2")
                .build();
    }

    @Test
    void writesEveryColumnInTableOrder() {
        AccessEvent e = fullEvent();
        RowBinaryEncoder out = new RowBinaryEncoder();
        AccessEventRowMapper.write(e, 3, HEADERS_KEPT, out);

        RowBinaryReader in = new RowBinaryReader(out.toByteArray());
        assertThat(in.string()).isEqualTo(e.getEventId());
        assertThat(in.int64()).isEqualTo(1_700_000_000_123L);
        assertThat(in.string()).isEqualTo("proj-a");
        assertThat(in.string()).isEqualTo("public-edge");
        assertThat(in.string()).isEqualTo("10.0.1.42");
        assertThat(in.string()).isEqualTo("http/1.1");
        assertThat(in.string()).isEqualTo("GET");
        assertThat(in.string()).isEqualTo("api.example.test");
        assertThat(in.string()).isEqualTo("/users/{id}");
        assertThat(in.string()).isEqualTo("pkg.Users");
        assertThat(in.string()).isEqualTo("Get");
        assertThat(in.uint16()).isEqualTo(404);
        assertThat(in.nullableInt32()).isEqualTo(5);
        assertThat(in.string()).isEqualTo("not found");
        assertThat(in.float64()).isEqualTo(12.75);
        assertThat(in.int64()).isEqualTo(321);
        assertThat(in.int64()).isEqualTo(4_294_967_296L);
        assertThat(in.string()).isEqualTo("0123456789abcdef");
        assertThat(in.string()).isEqualTo("fedcba9876543210");
        assertThat(in.string()).isEqualTo("aaaabbbbccccdddd");
        assertThat(in.string()).isEmpty(); // source_ip: stripped by the enricher
        assertThat(in.string()).isEmpty(); // user_agent
        assertThat(in.uint8()).isEqualTo(1);
        assertThat(in.stringArray()).containsExactly("scanner", "bola_suspect");
        assertThat(in.stringArray()).containsExactly("email");
        assertThat(in.stringArray()).containsExactly("admin_endpoint");
        assertThat(in.uint8()).isEqualTo(70);
        assertThat(in.uint8()).isEqualTo(255); // posture 300 capped to UInt8
        assertThat(in.string()).isEqualTo("TLSv1.3");
        assertThat(in.string()).isEqualTo("api.example.test");
        assertThat(in.string()).isEqualTo("CN=client");
        assertThat(in.string()).isEqualTo("CN=ca");
        assertThat(in.stringMap()).containsExactly(Map.entry("geo.country", "NL"), Map.entry("ua.class", "browser"));
        assertThat(in.stringMap()).containsExactly(Map.entry("x-request-id", "r-1"));
        assertThat(in.stringArray()).containsExactly("page", "size");
        assertThat(in.uint8()).isEqualTo(1); // confirmed
        assertThat(in.stringArray()).containsExactly("email"); // query_pii_categories
        assertThat(in.stringArray()).containsExactly("jwt");
        assertThat(in.string()).isEqualTo("users-route");
        assertThat(in.string()).isEqualTo("users-svc");
        assertThat(in.stringArray()).containsExactly("UF");
        assertThat(in.string()).isEqualTo("application/json");
        assertThat(in.string()).isEqualTo("k2");
        assertThat(in.int32()).isEqualTo(3); // sample_weight
        assertThat(in.exhausted()).isTrue();
        assertThat(ApiEventsRawTable.COLUMNS).hasSize(44);
    }

    @Test
    void rawAddressUserAgentAndHeadersAreStoredOnlyWhenThePolicyKeepsThem() {
        AccessEvent e = AccessEvents.enriched("p", "GET", "/a", 200).setSourceIp("203.0.113.9")
                .setUserAgent("curl/8").putHeaders("authorization", "Bearer x").putHeaders("x-request-id", "r")
                .build();
        RowBinaryEncoder hashesOnly = new RowBinaryEncoder();
        AccessEventRowMapper.write(e, hashesOnly);
        RowBinaryEncoder keepAll = new RowBinaryEncoder();
        AccessEventRowMapper.write(e, 1, new StoragePolicy(true, true, true, Policy.NEVER_FORWARDED_HEADERS),
                keepAll);

        RowBinaryReader stripped = afterHashes(hashesOnly);
        assertThat(stripped.string()).isEmpty();
        assertThat(stripped.string()).isEmpty();
        RowBinaryReader kept = afterHashes(keepAll);
        assertThat(kept.string()).isEqualTo("203.0.113.9");
        assertThat(kept.string()).isEqualTo("curl/8");
        assertThat(headers(hashesOnly)).isEmpty();
        assertThat(headers(keepAll)).containsExactly(Map.entry("x-request-id", "r")); // authorization never
    }

    private static RowBinaryReader afterHashes(RowBinaryEncoder out) {
        RowBinaryReader in = new RowBinaryReader(out.toByteArray());
        for (int i = 0; i < 11; i++) {
            skipColumn(in, i);
        }
        in.uint16();
        in.nullableInt32();
        in.string();
        in.float64();
        in.int64();
        in.int64();
        in.string();
        in.string();
        in.string();
        return in;
    }

    private static Map<String, String> headers(RowBinaryEncoder out) {
        RowBinaryReader in = afterHashes(out);
        in.string();
        in.string();
        in.uint8();
        in.stringArray();
        in.stringArray();
        in.stringArray();
        in.uint8();
        in.uint8();
        for (int i = 0; i < 4; i++) {
            in.string();
        }
        in.stringMap();
        return in.stringMap();
    }

    @Test
    void absentGrpcStatusIsNull() {
        AccessEvent e = AccessEvents.enriched("proj-a", "GET", "/health", 200).build();
        RowBinaryEncoder out = new RowBinaryEncoder();
        AccessEventRowMapper.write(e, out);
        RowBinaryReader in = new RowBinaryReader(out.toByteArray());
        for (int i = 0; i < 11; i++) {
            skipColumn(in, i);
        }
        assertThat(in.uint16()).isEqualTo(200);
        assertThat(in.nullableInt32()).isNull();
    }

    @Test
    void eventWithoutNormalizedPathIsStoredUnderItsRawPath() {
        AccessEvent e = AccessEvents.rawHttp("p", "GET", "/raw/7", 200).build();
        assertThat(AccessEventRowMapper.normalizedPath(e)).isEqualTo("/raw/7");
    }

    @Test
    void unsignedValuesAboveTheColumnRangeAreCapped() {
        assertThat(AccessEventRowMapper.clamp(-1, 0xFF)).isEqualTo(255);
        assertThat(AccessEventRowMapper.clamp(100, 0xFF)).isEqualTo(100);
        assertThat(AccessEventRowMapper.clamp(70_000, 0xFFFF)).isEqualTo(0xFFFF);
    }

    private static void skipColumn(RowBinaryReader in, int index) {
        if (index == 1) {
            in.int64();
        } else {
            in.string();
        }
    }
}
