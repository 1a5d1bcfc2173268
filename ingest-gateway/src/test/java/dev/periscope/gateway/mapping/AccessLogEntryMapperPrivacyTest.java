package dev.periscope.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.JsonFormat;

import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.gateway.privacy.SensitiveHeaders;
import dev.periscope.gateway.privacy.Tokens;
import dev.periscope.model.v1.AccessEvent;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.ConnectionProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry.HTTPVersion;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.TLSProperties;
import io.envoyproxy.envoy.data.accesslog.v3.TLSProperties.CertificateProperties;
import io.envoyproxy.envoy.data.accesslog.v3.TLSProperties.CertificateProperties.SubjectAltName;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

/** Privacy at the edge: what must never leave the gateway, and hostile input mapped in bounded time and memory. */
class AccessLogEntryMapperPrivacyTest {
    private static final StreamIdentity IDENTITY = new StreamIdentity("public-edge", "acme-prod", "", "periscope");
    private static final long NOW = 1_750_000_000_000L;
    private static final String SUB = "alice.subject@example.com";
    private static final String JWT = Tokens.jwt("{\"sub\":\"" + SUB + "\",\"email\":\"alice.mail@example.com\"}");
    private static final PrivacyPolicy STORE_ALL = PrivacyPolicy.defaults().withStoreHeaders(true)
            .withHeaderAllowlist(List.of("content-type", "user-agent", "x-request-id", "location", "referer",
                    "x-custom", "x-tenant-key", "Authorization", "Cookie", "Set-Cookie", "X-Api-Key",
                    "X-Auth-Token", "X-CSRF-Token", "X-XSRF-Token", "Traceparent", "Tracestate",
                    "Proxy-Authorization", "X-Forwarded-Authorization", "X-Original-Authorization",
                    "X-Forwarded-User", "Set-Cookie2"));

    private final AtomicReference<PrivacyPolicy> policy = new AtomicReference<>(PrivacyPolicy.defaults());
    private final AccessLogEntryMapper mapper = new AccessLogEntryMapper("gw-1", policy::get,
            AccessLogEntryMapperTest.HASHER);

    /** Every credential-bearing header with a distinct secret, all allow-listed: none may leave. */
    @Test
    void noCredentialValueLeavesEvenWhenEverythingIsAllowListed() {
        policy.set(STORE_ALL);
        HTTPAccessLogEntry entry = http()
                .setRequest(request("/orders/7?access_token=QV-SECRET-1&page=2&redirect=https%3A%2F%2Fx%3Fk%3DQV-2")
                        .putRequestHeaders("authorization", "Bearer " + JWT)
                        .putRequestHeaders("proxy-authorization", Tokens.basic("proxyuser-S3:proxypass-S4"))
                        .putRequestHeaders("x-forwarded-authorization", "Bearer fwd-SECRET-5")
                        .putRequestHeaders("x-original-authorization", "Bearer orig-SECRET-6")
                        .putRequestHeaders("x-forwarded-user", "fwduser-SECRET-7")
                        .putRequestHeaders("cookie", "SESSIONID=cookie-SECRET-8; theme=dark")
                        .putRequestHeaders("x-api-key", "apikey-SECRET-9")
                        .putRequestHeaders("x-auth-token", "authtoken-SECRET-10")
                        .putRequestHeaders("x-csrf-token", "csrf-SECRET-11")
                        .putRequestHeaders("x-xsrf-token", "xsrf-SECRET-12")
                        .putRequestHeaders("traceparent", "00-trace-SECRET-13-01")
                        .putRequestHeaders("tracestate", "vendor=trace-SECRET-14")
                        .putRequestHeaders("referer", "https://ref:refpw-SECRET-15@app.example/p?q=ref-SECRET-16")
                        .putRequestHeaders("x-custom", "visible"))
                .setResponse(HTTPResponseProperties.newBuilder().setResponseCode(UInt32Value.of(302))
                        .putResponseHeaders("set-cookie", "sid=setcookie-SECRET-17; HttpOnly")
                        .putResponseHeaders("set-cookie2", "old=setcookie2-SECRET-18")
                        .putResponseHeaders("location", "https://id.example/cb?code=loc-SECRET-19#frag-SECRET-20"))
                .build();

        AccessEvent event = mapper.map(entry, IDENTITY, NOW);

        assertNoneLeaves(event, JWT, SUB, "alice.mail", "QV-SECRET-1", "QV-2", "proxyuser-S3", "proxypass-S4",
                "fwd-SECRET-5", "orig-SECRET-6", "fwduser-SECRET-7", "cookie-SECRET-8", "apikey-SECRET-9",
                "authtoken-SECRET-10", "csrf-SECRET-11", "xsrf-SECRET-12", "trace-SECRET-13", "trace-SECRET-14",
                "refpw-SECRET-15", "ref-SECRET-16", "setcookie-SECRET-17", "setcookie2-SECRET-18", "loc-SECRET-19",
                "frag-SECRET-20", JWT.substring(JWT.indexOf('.') + 1, JWT.lastIndexOf('.')));
        assertThat(event.getHeadersMap()).containsOnlyKeys("referer", "x-custom", "location")
                .containsEntry("referer", "https://app.example/p")
                .containsEntry("location", "https://id.example/cb")
                .containsEntry("x-custom", "visible");
        assertThat(event.getHeadersMap().keySet()).doesNotContainAnyElementsOf(SensitiveHeaders.NEVER_FORWARDED);
        assertThat(event.getLocation()).isEqualTo("https://id.example/cb");
        assertThat(event.getQueryParamNamesList()).containsExactly("access_token", "page", "redirect");
        assertThat(event.getCredentialInQuery()).isTrue();
        assertThat(event.getAuthObserved()).isTrue();
        assertThat(event.getAuthHintsList()).containsExactly("bearer", "basic", "apikey", "cookie");
        assertThat(event.getConsumerScheme()).isEqualTo("jwt");
        assertThat(event.getConsumerHash()).isEqualTo(AccessLogEntryMapperTest.HASHER.hash(SUB)).hasSize(16);
    }

    static Stream<Arguments> consumers() {
        return Stream.of(
                Arguments.of("jwt", request("/").putRequestHeaders("authorization", "Bearer " + JWT), null,
                        "jwt", SUB),
                Arguments.of("malformed jwt -> mtls", request("/").putRequestHeaders("authorization",
                        "Bearer eyJhbGciOiJub25lIn0.%%%.sig"), "CN=svc-a,O=Acme", "mtls", "CN=svc-a,O=Acme"),
                Arguments.of("api key", request("/").putRequestHeaders("x-api-key", "ak_live_SECRET"), null,
                        "apikey", "ak_live_SECRET"),
                Arguments.of("basic", request("/").putRequestHeaders("authorization",
                        Tokens.basic("dave-user:dave-PASSWORD")), null, "basic", "dave-user"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumers")
    void consumerIdentityLeavesOnlyAsItsSaltedHash(String description, HTTPRequestProperties.Builder request,
            String peerSubject, String scheme, String identity) {
        AccessLogCommon.Builder common = AccessLogCommon.newBuilder();
        if (peerSubject != null) {
            common.setTlsProperties(TLSProperties.newBuilder().setTlsVersion(TLSProperties.TLSVersion.TLSv1_3)
                    .setPeerCertificateProperties(CertificateProperties.newBuilder().setSubject(peerSubject)
                            .setIssuer("CN=Acme CA")));
        }
        AccessEvent event = mapper.map(http().setCommonProperties(common).setRequest(request).build(), IDENTITY, NOW);

        assertThat(event.getConsumerScheme()).isEqualTo(scheme);
        assertThat(event.getConsumerHash()).isEqualTo(AccessLogEntryMapperTest.HASHER.hash(identity))
                .matches("[0-9a-f]{16}");
        if (!scheme.equals("mtls")) { // the peer subject is TLS metadata of its own (tls_peer_subject)
            assertNoneLeaves(event, identity);
        }
        assertNoneLeaves(event, "dave-PASSWORD", "ak_live_SECRET");
    }

    @Test
    void headersAreForwardedOnlyWhenStoredAndAllowListedWithCappedValues() {
        HTTPAccessLogEntry entry = http()
                .setRequest(request("/").putRequestHeaders("user-agent", "ua/1")
                        .putRequestHeaders("x-request-id", "rid-1")
                        .putRequestHeaders("x-custom", "v".repeat(10_000) + "\u0000")
                        .putRequestHeaders("x-not-listed", "nope"))
                .setResponse(HTTPResponseProperties.newBuilder().putResponseHeaders("content-type", "text/html"))
                .build();

        assertThat(mapper.map(entry, IDENTITY, NOW).getHeadersMap()).isEmpty();

        policy.set(PrivacyPolicy.defaults().withStoreHeaders(true));
        assertThat(mapper.map(entry, IDENTITY, NOW).getHeadersMap()).containsOnly(
                java.util.Map.entry("user-agent", "ua/1"), java.util.Map.entry("x-request-id", "rid-1"),
                java.util.Map.entry("content-type", "text/html"));

        policy.set(PrivacyPolicy.defaults().withStoreHeaders(true).withHeaderAllowlist(List.of("X-Custom")));
        assertThat(mapper.map(entry, IDENTITY, NOW).getHeadersMap())
                .containsOnly(java.util.Map.entry("x-custom", "v".repeat(AccessLogEntryMapper.MAX_VALUE_BYTES)));
    }

    @Test
    void policyChangesApplyFromTheNextEntry() {
        HTTPAccessLogEntry entry = http().setRequest(request("/" + "p".repeat(1000) + "?a=1&b=2&c=3")).build();

        AccessEvent before = mapper.map(entry, IDENTITY, NOW);
        policy.set(PrivacyPolicy.defaults().withQueryParamsCap(1).withMaxPathBytes(300));
        AccessEvent after = mapper.map(entry, IDENTITY, NOW);

        assertThat(before.getQueryParamNamesList()).containsExactly("a", "b", "c");
        assertThat(before.getPathTruncated()).isFalse();
        assertThat(after.getQueryParamNamesList()).containsExactly("a");
        assertThat(after.getPath()).hasSize(300);
        assertThat(after.getPathTruncated()).isTrue();
    }

    @Test
    void hugePathIsTruncatedAtACharacterBoundaryInBoundedTime() {
        String path = "/files/" + "\u00e9".repeat(50_000) + "?token=SECRET-Q";
        long started = System.nanoTime();
        AccessEvent event = mapper.map(http().setRequest(request(path)).build(), IDENTITY, NOW);

        assertThat(System.nanoTime() - started).isLessThan(500_000_000L);
        assertThat(event.getPathTruncated()).isTrue();
        assertThat(event.getPath().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(PrivacyPolicy.DEFAULT_MAX_PATH_BYTES).isGreaterThan(8180);
        assertThat(event.getPath()).startsWith("/files/\u00e9").doesNotContain("\uFFFD");
        assertThat(event.getCredentialInQuery()).isTrue();
        assertThat(event.getSerializedSize()).isLessThan(10_000);
        assertNoneLeaves(event, "SECRET-Q");
    }

    @Test
    void hundredKilobyteAsciiPathAndPathAtTheLimit() {
        AccessEvent huge = mapper.map(http().setRequest(request("/" + "a".repeat(100_000))).build(), IDENTITY, NOW);
        String exact = "/" + "b".repeat(8191);
        AccessEvent atLimit = mapper.map(http().setRequest(request(exact)).build(), IDENTITY, NOW);

        assertThat(huge.getPath()).hasSize(8192);
        assertThat(huge.getPathTruncated()).isTrue();
        assertThat(atLimit.getPath()).isEqualTo(exact);
        assertThat(atLimit.getPathTruncated()).isFalse();
    }

    @Test
    void twoThousandHeadersMapInBoundedTimeAndSize() throws InvalidProtocolBufferException {
        HTTPRequestProperties.Builder request = request("/h");
        for (int i = 0; i < 2_000; i++) {
            request.putRequestHeaders("X-Hdr-" + i, "value-" + i + "-" + "z".repeat(100));
        }
        request.putRequestHeaders("authorization", "Bearer " + JWT);
        policy.set(PrivacyPolicy.defaults().withStoreHeaders(true)
                .withHeaderAllowlist(java.util.stream.IntStream.range(0, 64).mapToObj(i -> "x-hdr-" + i).toList()));
        // converted once, as the gateway receives it: the loop times the mapping, not Envoy's serialization
        dev.periscope.gateway.als.slim.HTTPAccessLogEntry entry =
                dev.periscope.gateway.als.slim.HTTPAccessLogEntry.parseFrom(http().setRequest(request).build()
                        .toByteString());

        long started = System.nanoTime();
        AccessEvent event = null;
        for (int round = 0; round < 100; round++) {
            event = mapper.map(entry, IDENTITY, NOW);
        }

        assertThat((System.nanoTime() - started) / 100).isLessThan(20_000_000L);
        assertThat(event.getHeadersCount()).isEqualTo(AccessLogEntryMapper.MAX_FORWARDED_HEADERS);
        assertThat(event.getConsumerScheme()).isEqualTo("jwt");
        assertThat(event.getSerializedSize()).isLessThan(32 * 1024);
        assertNoneLeaves(event, JWT, SUB);
    }

    @Test
    void tenThousandQueryParameters() {
        StringBuilder path = new StringBuilder("/search?");
        for (int i = 0; i < 10_000; i++) {
            path.append("param").append(i).append("=value-SECRET-").append(i).append('&');
        }
        AccessEvent event = mapper.map(http().setRequest(request(path.toString())).build(), IDENTITY, NOW);

        assertThat(event.getPath()).isEqualTo("/search");
        assertThat(event.getQueryParamNamesList()).hasSize(50);
        assertThat(event.getCredentialInQuery()).isFalse();
        assertNoneLeaves(event, "value-SECRET");
    }

    @Test
    void invalidUtf8BytesInAHeaderValueAreReplacedNotRejected() throws InvalidProtocolBufferException {
        policy.set(PrivacyPolicy.defaults().withStoreHeaders(true).withHeaderAllowlist(List.of("x-custom")));
        StreamAccessLogsMessage message = StreamAccessLogsMessage.newBuilder()
                .setHttpLogs(StreamAccessLogsMessage.HTTPAccessLogEntries.newBuilder().addLogEntry(http()
                        .setRequest(request("/caf\u00e9").setUserAgent("agent-#1")
                                .putRequestHeaders("x-custom", "bad-#2-value")
                                .putRequestHeaders("authorization", "Bearer " + JWT))))
                .build();
        byte[] bytes = Utf8RepairTest.corrupt(message.toByteArray(), "#1", "#2");

        dev.periscope.gateway.als.slim.HTTPAccessLogEntry parsed =
                Utf8Repair.parseStreamAccessLogsMessage(bytes).getHttpLogs().getLogEntry(0);
        AccessEvent event = mapper.map(parsed, IDENTITY, NOW);

        assertThat(event.getUserAgent()).isEqualTo("agent-\uFFFD1");
        assertThat(event.getHeadersMap()).containsEntry("x-custom", "bad-\uFFFD2-value");
        assertThat(event.getPath()).isEqualTo("/caf\u00e9");
        assertThat(event.getConsumerScheme()).isEqualTo("jwt");
    }

    @Test
    void unpairedSurrogatesAndControlCharactersAreCleaned() throws InvalidProtocolBufferException {
        // built in memory: on the wire an unpaired surrogate cannot exist (protobuf would have written '?')
        dev.periscope.gateway.als.slim.HTTPAccessLogEntry entry = dev.periscope.gateway.als.slim.HTTPAccessLogEntry
                .newBuilder().setRequest(dev.periscope.gateway.als.slim.HTTPRequestProperties.newBuilder()
                        .setPath("/a\uD800b").setAuthority("api.\u0000acme.example\r\n")
                        .setUserAgent("ua\u0007\uDC00"))
                .build();

        AccessEvent event = mapper.map(entry, IDENTITY, NOW);

        assertThat(event.getHost()).isEqualTo("api.acme.example");
        assertThat(event.getPath()).isEqualTo("/a\uFFFDb");
        assertThat(event.getUserAgent()).isEqualTo("ua\uFFFD");
        assertThat(AccessEvent.parseFrom(event.toByteString()).getPath()).isEqualTo("/a\uFFFDb");
    }

    @Test
    void protocolsAndTlsProperties() {
        for (HTTPVersion version : HTTPVersion.values()) {
            if (version == HTTPVersion.UNRECOGNIZED) {
                continue;
            }
            String protocol = mapper.map(http().setProtocolVersion(version).build(), IDENTITY, NOW).getProtocol();
            assertThat(protocol).isEqualTo(switch (version) {
                case HTTP10 -> "http/1.0";
                case HTTP11 -> "http/1.1";
                case HTTP2 -> "http/2";
                case HTTP3 -> "http/3";
                default -> "";
            });
        }
        TCPAccessLogEntry tcp = TCPAccessLogEntry.newBuilder()
                .setCommonProperties(AccessLogCommon.newBuilder()
                        .setTlsProperties(TLSProperties.newBuilder().setTlsVersion(TLSProperties.TLSVersion.TLSv1_2)
                                .setTlsSniHostname("db.acme.example")
                                .setPeerCertificateProperties(CertificateProperties.newBuilder()
                                        .setIssuer("CN=Acme Issuing CA")
                                        .addSubjectAltName(SubjectAltName.newBuilder()
                                                .setUri("spiffe://acme/ns/db/sa/client")))))
                .setConnectionProperties(ConnectionProperties.newBuilder().setReceivedBytes(10).setSentBytes(20))
                .build();

        AccessEvent event = mapper.map(tcp, IDENTITY, NOW);

        assertThat(event.getProtocol()).isEqualTo("tcp");
        assertThat(event.getTlsVersion()).isEqualTo("TLSv1.2");
        assertThat(event.getTlsSni()).isEqualTo("db.acme.example");
        assertThat(event.getTlsPeerIssuer()).isEqualTo("CN=Acme Issuing CA");
        assertThat(event.getTlsPeerSubject()).isEmpty();
        assertThat(event.getAuthHintsList()).containsExactly("mtls");
        assertThat(event.getConsumerScheme()).isEqualTo("mtls");
        assertThat(event.getConsumerHash())
                .isEqualTo(AccessLogEntryMapperTest.HASHER.hash("spiffe://acme/ns/db/sa/client"));
    }

    @Test
    void grpcNeedsAServiceSlashMethodPath() {
        HTTPAccessLogEntry odd = http()
                .setRequest(request("/a/b/c").putRequestHeaders("content-type", "application/grpc-web+proto"))
                .build();
        HTTPAccessLogEntry web = http()
                .setRequest(request("/pkg.Svc/Do").putRequestHeaders("content-type", "application/grpc-web+proto"))
                .build();

        assertThat(mapper.map(odd, IDENTITY, NOW).getGrpcService()).isEmpty();
        assertThat(mapper.map(web, IDENTITY, NOW).getGrpcService()).isEqualTo("pkg.Svc");
        assertThat(mapper.map(web, IDENTITY, NOW).getGrpcMethod()).isEqualTo("Do");
    }

    @Test
    void sourceAddressIsTheDownstreamPeerNeverForwardedFor() {
        HTTPAccessLogEntry entry = http()
                .setCommonProperties(AccessLogCommon.newBuilder().setDownstreamRemoteAddress(Address.newBuilder()
                        .setSocketAddress(SocketAddress.newBuilder().setAddress("2001:db8::7"))))
                .setRequest(request("/").setForwardedFor("198.51.100.1, 10.0.0.1")
                        .putRequestHeaders("x-forwarded-for", "198.51.100.1, 10.0.0.1"))
                .build();

        AccessEvent event = mapper.map(entry, IDENTITY, NOW);

        assertThat(event.getSourceIp()).isEqualTo("2001:db8::7");
        assertNoneLeaves(event, "198.51.100.1");
    }

    private static HTTPAccessLogEntry.Builder http() {
        return HTTPAccessLogEntry.newBuilder().setProtocolVersion(HTTPVersion.HTTP11);
    }

    private static HTTPRequestProperties.Builder request(String path) {
        return HTTPRequestProperties.newBuilder().setRequestMethod(RequestMethod.GET).setAuthority("api.acme.example")
                .setPath(path);
    }

    /** Serializes the event (binary and JSON) and searches both for each secret. */
    static void assertNoneLeaves(AccessEvent event, String... secrets) {
        String binary = new String(event.toByteArray(), StandardCharsets.ISO_8859_1);
        String json;
        try {
            json = JsonFormat.printer().print(event);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        for (String secret : secrets) {
            String encoded = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            assertThat(binary).as("binary event contains a secret").doesNotContain(encoded);
            assertThat(json).as("JSON event contains a secret").doesNotContain(secret);
        }
    }
}
