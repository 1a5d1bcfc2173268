package dev.periscope.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;

import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.model.HashSalt;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Pipe;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.ConnectionProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry.HTTPVersion;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.data.accesslog.v3.ResponseFlags;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.TLSProperties;

class AccessLogEntryMapperTest {
    private static final StreamIdentity IDENTITY = new StreamIdentity("public-edge", "acme-prod", "10.0.1.42",
            "periscope");
    private static final long START_MS = 1_750_000_000_123L;
    private static final long RECEIVED_MS = 1_750_000_999_000L;

    static final RotatingHasher HASHER = RotatingHasher.of(HashSalt.parse("7b1e9c4d2a6f8e3b5c0d1a9f"), "k-test");

    private final AccessLogEntryMapper mapper = new AccessLogEntryMapper("gw-1", PrivacyPolicy.defaults(), HASHER);

    @Test
    void http11RestCallWithQueryStringStripped() {
        HTTPAccessLogEntry entry = HTTPAccessLogEntry.newBuilder()
                .setProtocolVersion(HTTPVersion.HTTP11)
                .setCommonProperties(common()
                        .setTimeToLastDownstreamTxByte(Duration.newBuilder().setNanos(42_500_000))
                        .setRouteName("api-v1").setUpstreamCluster("api-backend")
                        .setTlsProperties(TLSProperties.newBuilder().setTlsVersion(TLSProperties.TLSVersion.TLSv1_3)
                                .setTlsSniHostname("api.acme.example")))
                .setRequest(HTTPRequestProperties.newBuilder()
                        .setRequestMethod(RequestMethod.GET)
                        .setAuthority("api.acme.example")
                        .setPath("/api/v1/users/42/orders?status=open&page=2&status=closed&token#frag")
                        .setUserAgent("curl/8.5.0")
                        .setForwardedFor("198.51.100.99")
                        .setRequestId("req-1")
                        .setRequestHeadersBytes(300).setRequestBodyBytes(0)
                        .putRequestHeaders("authorization", "Bearer eyJhbGciOi.secret.value")
                        .putRequestHeaders("x-forwarded-for", "198.51.100.99"))
                .setResponse(HTTPResponseProperties.newBuilder()
                        .setResponseCode(UInt32Value.of(200))
                        .setResponseHeadersBytes(200).setResponseBodyBytes(1800)
                        .putResponseHeaders("content-type", "application/json")
                        .putResponseHeaders("strict-transport-security", "max-age=31536000"))
                .build();

        AccessEvent event = mapper.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getStage()).isEqualTo(EventStage.EVENT_STAGE_RAW);
        assertThat(event.getEventId()).matches("[0-9a-f]{24}");
        assertThat(event.getTsMs()).isEqualTo(START_MS);
        assertThat(event.getInstanceId()).isEqualTo("gw-1");
        assertThat(event.getProjectId()).isEqualTo("acme-prod");
        assertThat(event.getListenerName()).isEqualTo("public-edge");
        assertThat(event.getListenerIp()).isEqualTo("10.0.1.42");
        assertThat(event.getLogName()).isEqualTo("periscope");
        assertThat(event.getProtocol()).isEqualTo("http/1.1");
        assertThat(event.getMethod()).isEqualTo("GET");
        assertThat(event.getHost()).isEqualTo("api.acme.example");
        assertThat(event.getPath()).isEqualTo("/api/v1/users/42/orders");
        assertThat(event.getQueryParamNamesList()).containsExactly("status", "page", "token");
        assertThat(event.getStatusCode()).isEqualTo(200);
        assertThat(event.getDurationMs()).isEqualTo(42.5);
        assertThat(event.getRequestBytes()).isEqualTo(300);
        assertThat(event.getResponseBytes()).isEqualTo(2000);
        assertThat(event.getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(event.getUserAgent()).isEqualTo("curl/8.5.0");
        assertThat(event.getRequestId()).isEqualTo("req-1");
        assertThat(event.getRouteName()).isEqualTo("api-v1");
        assertThat(event.getUpstreamCluster()).isEqualTo("api-backend");
        assertThat(event.getRouteMatched()).isTrue();
        assertThat(event.getResponseFlagsList()).isEmpty();
        assertThat(event.getTlsVersion()).isEqualTo("TLSv1.3");
        assertThat(event.getTlsSni()).isEqualTo("api.acme.example");
        assertThat(event.getContentType()).isEqualTo("application/json");
        assertThat(event.getHstsPresent()).isTrue();
        assertThat(event.getAuthObserved()).isTrue();
        assertThat(event.getAuthHintsList()).containsExactly("bearer");
        assertThat(event.getCredentialInQuery()).isTrue();
        assertThat(event.getPathTruncated()).isFalse();
        assertThat(event.hasGrpcStatus()).isFalse();
        assertThat(event.getGrpcService()).isEmpty();
        assertThat(event.toString()).doesNotContain("secret").doesNotContain("198.51.100.99");
        assertThat(event.getHeadersMap()).isEmpty();
    }

    @Test
    void http2WithRedirectNoRouteAndUpstreamFlags() {
        HTTPAccessLogEntry entry = HTTPAccessLogEntry.newBuilder()
                .setProtocolVersion(HTTPVersion.HTTP2)
                .setCommonProperties(common().setResponseFlags(ResponseFlags.newBuilder()
                        .setNoRouteFound(true).setNoHealthyUpstream(true)))
                .setRequest(HTTPRequestProperties.newBuilder().setRequestMethod(RequestMethod.POST)
                        .setAuthority("api.acme.example").setPath("/login")
                        .putRequestHeaders("x-api-key", "ak_live_123"))
                .setResponse(HTTPResponseProperties.newBuilder().setResponseCode(UInt32Value.of(302))
                        .putResponseHeaders("location", "https://id.example/sso?state=abc#x"))
                .build();

        AccessEvent event = mapper.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getProtocol()).isEqualTo("http/2");
        assertThat(event.getMethod()).isEqualTo("POST");
        assertThat(event.getStatusCode()).isEqualTo(302);
        assertThat(event.getLocation()).isEqualTo("https://id.example/sso");
        assertThat(event.getRouteMatched()).isFalse();
        assertThat(event.getResponseFlagsList()).containsExactly("UH", "NR");
        assertThat(event.getAuthObserved()).isTrue();
        assertThat(event.getAuthHintsList()).containsExactly("apikey");
        assertThat(event.toString()).doesNotContain("ak_live_123");
    }

    @Test
    void grpcCallWithStatusInTrailers() {
        HTTPAccessLogEntry entry = grpcEntry(HTTPResponseProperties.newBuilder()
                .setResponseCode(UInt32Value.of(200))
                .putResponseHeaders("content-type", "application/grpc+proto")
                .putResponseTrailers("grpc-status", "3")
                .putResponseTrailers("grpc-message", "customer_id%20is%20required%3A%20%E2%9C%97"));

        AccessEvent event = mapper.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getProtocol()).isEqualTo("http/2");
        assertThat(event.getGrpcService()).isEqualTo("initech.orders.v1.OrderService");
        assertThat(event.getGrpcMethod()).isEqualTo("CreateOrder");
        assertThat(event.getPath()).isEqualTo("/initech.orders.v1.OrderService/CreateOrder");
        assertThat(event.getGrpcStatus()).isEqualTo(3);
        assertThat(event.getGrpcMessage()).isEqualTo("customer_id is required: \u2717");
        assertThat(event.getContentType()).isEqualTo("application/grpc+proto");
    }

    @Test
    void grpcOkKeepsNoMessage() {
        HTTPAccessLogEntry entry = grpcEntry(HTTPResponseProperties.newBuilder()
                .setResponseCode(UInt32Value.of(200))
                .putResponseHeaders("content-type", "application/grpc")
                .putResponseTrailers("grpc-status", "0")
                .putResponseTrailers("grpc-message", "fine"));

        AccessEvent event = mapper.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.hasGrpcStatus()).isTrue();
        assertThat(event.getGrpcStatus()).isZero();
        assertThat(event.getGrpcMessage()).isEmpty();
    }

    @Test
    void grpcTrailersOnlyResponseReadsStatusFromHeaders() {
        HTTPAccessLogEntry entry = grpcEntry(HTTPResponseProperties.newBuilder()
                .setResponseCode(UInt32Value.of(200))
                .putResponseHeaders("content-type", "application/grpc")
                .putResponseHeaders("grpc-status", "14")
                .putResponseHeaders("grpc-message", "no healthy upstream"));

        AccessEvent event = mapper.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getGrpcStatus()).isEqualTo(14);
        assertThat(event.getGrpcMessage()).isEqualTo("no healthy upstream");
        assertThat(event.getGrpcService()).isEqualTo("initech.orders.v1.OrderService");
    }

    @Test
    void tcpEntry() {
        TCPAccessLogEntry entry = TCPAccessLogEntry.newBuilder()
                .setCommonProperties(common().setUpstreamCluster("acme-postgres")
                        .setDuration(Duration.newBuilder().setSeconds(12).setNanos(4_000_000)))
                .setConnectionProperties(ConnectionProperties.newBuilder().setReceivedBytes(1840).setSentBytes(92311))
                .build();

        AccessEvent event = mapper.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getProtocol()).isEqualTo("tcp");
        assertThat(event.getTsMs()).isEqualTo(START_MS);
        assertThat(event.getRequestBytes()).isEqualTo(1840);
        assertThat(event.getResponseBytes()).isEqualTo(92311);
        assertThat(event.getDurationMs()).isEqualTo(12_004.0);
        assertThat(event.getUpstreamCluster()).isEqualTo("acme-postgres");
        assertThat(event.getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(event.getMethod()).isEmpty();
        assertThat(event.getPath()).isEmpty();
        assertThat(event.getStatusCode()).isZero();
        assertThat(event.getProjectId()).isEqualTo("acme-prod");
    }

    @Test
    void missingFieldsBecomeEmptyValues() {
        AccessEvent http = mapper.map(HTTPAccessLogEntry.getDefaultInstance(), IDENTITY, RECEIVED_MS);
        AccessEvent tcp = mapper.map(TCPAccessLogEntry.getDefaultInstance(), IDENTITY, RECEIVED_MS);

        assertThat(http.getTsMs()).isEqualTo(RECEIVED_MS);
        assertThat(http.getProtocol()).isEmpty();
        assertThat(http.getMethod()).isEmpty();
        assertThat(http.getPath()).isEmpty();
        assertThat(http.getQueryParamNamesList()).isEmpty();
        assertThat(http.getStatusCode()).isZero();
        assertThat(http.getDurationMs()).isZero();
        assertThat(http.getSourceIp()).isEmpty();
        assertThat(http.getTlsVersion()).isEmpty();
        assertThat(http.hasGrpcStatus()).isFalse();
        assertThat(http.getAuthObserved()).isFalse();
        assertThat(http.getRouteMatched()).isTrue();
        assertThat(http.getEventId()).matches("[0-9a-f]{24}");
        assertThat(tcp.getProtocol()).isEqualTo("tcp");
        assertThat(tcp.getTsMs()).isEqualTo(RECEIVED_MS);
    }

    @Test
    void nonSocketDownstreamAddressAndGarbageGrpcStatusAreEmpty() {
        HTTPAccessLogEntry entry = HTTPAccessLogEntry.newBuilder()
                .setCommonProperties(AccessLogCommon.newBuilder().setDownstreamRemoteAddress(
                        Address.newBuilder().setPipe(Pipe.newBuilder().setPath("/var/run/envoy.sock"))))
                .setResponse(HTTPResponseProperties.newBuilder().putResponseTrailers("grpc-status", "oops"))
                .build();

        AccessEvent event = mapper.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getSourceIp()).isEmpty();
        assertThat(event.hasGrpcStatus()).isFalse();
    }

    @Test
    void queryParamNamesAreCapped() {
        AccessLogEntryMapper capped = new AccessLogEntryMapper("gw-1", PrivacyPolicy.defaults().withQueryParamsCap(3),
                HASHER);
        StringBuilder path = new StringBuilder("/search?");
        for (int i = 0; i < 10; i++) {
            path.append("p").append(i).append("=v&");
        }
        HTTPAccessLogEntry entry = HTTPAccessLogEntry.newBuilder()
                .setRequest(HTTPRequestProperties.newBuilder().setPath(path.toString())).build();

        AccessEvent event = capped.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getPath()).isEqualTo("/search");
        assertThat(event.getQueryParamNamesList()).containsExactly("p0", "p1", "p2");
    }

    @Test
    void percentDecodingIsLenient() {
        assertThat(AccessLogEntryMapper.percentDecode("100%")).isEqualTo("100%");
        assertThat(AccessLogEntryMapper.percentDecode("a%2")).isEqualTo("a%2");
        assertThat(AccessLogEntryMapper.percentDecode("%zz%41")).isEqualTo("%zzA");
        assertThat(AccessLogEntryMapper.percentDecode("caf\u00e9 \uD83D\uDE00")).isEqualTo("caf\u00e9 \uD83D\uDE00");
    }

    @Test
    void extraAuthHeadersAreObservedButNeverForwarded() {
        AccessLogEntryMapper withTenantKey = new AccessLogEntryMapper("gw-1",
                () -> PrivacyPolicy.defaults().withStoreHeaders(true).withHeaderAllowlist(List.of("x-tenant-key")),
                HASHER, List.of("x-tenant-key"));
        HTTPAccessLogEntry entry = HTTPAccessLogEntry.newBuilder()
                .setRequest(HTTPRequestProperties.newBuilder().setPath("/a")
                        .putRequestHeaders("x-tenant-key", "tk-SECRET"))
                .build();

        AccessEvent event = withTenantKey.map(entry, IDENTITY, RECEIVED_MS);

        assertThat(event.getAuthObserved()).isTrue();
        assertThat(event.getAuthHintsList()).containsExactly("other");
        assertThat(event.toString()).doesNotContain("tk-SECRET");
    }

    private static HTTPAccessLogEntry grpcEntry(HTTPResponseProperties.Builder response) {
        return HTTPAccessLogEntry.newBuilder()
                .setProtocolVersion(HTTPVersion.HTTP2)
                .setCommonProperties(common())
                .setRequest(HTTPRequestProperties.newBuilder().setRequestMethod(RequestMethod.POST)
                        .setAuthority("grpc.initech.example")
                        .setPath("/initech.orders.v1.OrderService/CreateOrder")
                        .putRequestHeaders("content-type", "application/grpc"))
                .setResponse(response)
                .build();
    }

    private static AccessLogCommon.Builder common() {
        return AccessLogCommon.newBuilder()
                .setStartTime(Timestamp.newBuilder().setSeconds(START_MS / 1000).setNanos(123_000_000))
                .setDownstreamRemoteAddress(Address.newBuilder()
                        .setSocketAddress(SocketAddress.newBuilder().setAddress("203.0.113.7").setPortValue(51000)));
    }
}
