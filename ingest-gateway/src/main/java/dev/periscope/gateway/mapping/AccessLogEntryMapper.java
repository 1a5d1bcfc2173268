package dev.periscope.gateway.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.privacy.AuthInspector;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.gateway.privacy.QueryParams;
import dev.periscope.gateway.privacy.SensitiveHeaders;
import dev.periscope.gateway.privacy.Text;
import dev.periscope.gateway.privacy.Urls;
import dev.periscope.model.ObjectIds;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;
import dev.periscope.gateway.als.slim.AccessLogCommon;
import dev.periscope.gateway.als.slim.Address;
import dev.periscope.gateway.als.slim.Duration;
import dev.periscope.gateway.als.slim.HTTPAccessLogEntry;
import dev.periscope.gateway.als.slim.HTTPRequestProperties;
import dev.periscope.gateway.als.slim.HTTPResponseProperties;
import dev.periscope.gateway.als.slim.RequestMethod;
import dev.periscope.gateway.als.slim.ResponseFlags;
import dev.periscope.gateway.als.slim.TCPAccessLogEntry;
import dev.periscope.gateway.als.slim.TLSProperties;

/**
 * Maps one Envoy ALS v3 entry (as parsed by {@link Utf8Repair}: the gateway's slim copy of Envoy's messages, see
 * {@code src/main/proto/als_slim.proto}) to a raw-stage {@link AccessEvent}, applying the privacy rules at the edge:
 * nothing a credential is made of, no query value, no sensitive header leaves through the event. Pure and
 * thread-safe; reads the {@link PrivacyPolicy} once per entry, so a new policy applies from the next entry on.
 * <p>
 * Never throws on missing optional fields (they become empty values) and works in bounded time and memory whatever
 * the entry holds: paths, header values, names and counts are capped (see the constants and {@link PrivacyPolicy}),
 * each header map is walked once into the names the mapper reads (see {@link HeaderView}). The source address is
 * Envoy's {@code downstream_remote_address}, never {@code x-forwarded-for}.
 */
public final class AccessLogEntryMapper {
    static final String GRPC_CONTENT_TYPE = "application/grpc";
    /** UTF-8 bytes kept of a forwarded header value, user-agent, request id, grpc-message, TLS or route string. */
    public static final int MAX_VALUE_BYTES = 1024;
    /** UTF-8 bytes kept of the host (authority). */
    public static final int MAX_HOST_BYTES = 1024;
    /** Headers forwarded per event at most (only allow-listed ones, only with store_headers on). */
    public static final int MAX_FORWARDED_HEADERS = 32;
    /** Peer-certificate SANs looked at for an mTLS identity. */
    static final int MAX_SANS = 8;
    private static final int MAX_SHORT_BYTES = 256;

    private final String instanceId;
    private final Supplier<PrivacyPolicy> policy;
    private final RotatingHasher hasher;
    private final ConsumerHashes consumerHashes;
    private final AuthInspector auth;

    /**
     * @param policy read once per entry; a {@code null} answer means {@link PrivacyPolicy#defaults()}
     * @param hasher hashes the consumer identity (SHA-256(HASH_SALT + value), 16 hex), also with the previous salt
     *               during a HASH_SALT rotation's overlap window, and stamps {@code hash_key_id}; {@code null} keeps
     *               no consumer at all (no hash, no scheme, no key id)
     */
    public AccessLogEntryMapper(String instanceId, Supplier<PrivacyPolicy> policy, RotatingHasher hasher) {
        this(instanceId, policy, hasher, new AuthInspector());
    }

    /**
     * As {@link #AccessLogEntryMapper(String, Supplier, RotatingHasher)}, plus deployment-specific auth headers: their
     * presence also sets {@code auth_observed} (hint {@code other}) and they are never forwarded.
     */
    public AccessLogEntryMapper(String instanceId, Supplier<PrivacyPolicy> policy, RotatingHasher hasher,
            Iterable<String> extraAuthHeaders) {
        this(instanceId, policy, hasher, new AuthInspector(extraAuthHeaders));
    }

    /** A mapper with a fixed policy. */
    public AccessLogEntryMapper(String instanceId, PrivacyPolicy policy, RotatingHasher hasher) {
        this(instanceId, () -> policy, hasher);
    }

    AccessLogEntryMapper(String instanceId, Supplier<PrivacyPolicy> policy, RotatingHasher hasher,
            AuthInspector auth) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.hasher = hasher;
        this.consumerHashes = hasher == null ? null : new ConsumerHashes(hasher.current());
        this.auth = auth;
    }

    private AccessLogEntryMapper(String instanceId, PrivacyPolicy policy, RotatingHasher hasher, AuthInspector auth) {
        this(instanceId, () -> policy, hasher, auth);
    }

    /** @param receivedAtMillis stands in for the request start when Envoy sent none */
    public AccessEvent map(HTTPAccessLogEntry entry, StreamIdentity identity, long receivedAtMillis) {
        PrivacyPolicy privacy = currentPolicy();
        AccessLogCommon common = entry.getCommonProperties();
        AccessEvent.Builder event = common(common, identity, receivedAtMillis);
        HTTPRequestProperties request = entry.getRequest();
        HTTPResponseProperties response = entry.getResponse();
        HeaderView requestHeaders = HeaderView.of(request.getRequestHeadersList());
        HeaderView responseHeaders = HeaderView.of(response.getResponseHeadersList());

        String rawPath = request.getPath().isEmpty() ? request.getOriginalPath() : request.getPath();
        Text.Cleaned path = Text.clean(rawPath, 0, Urls.pathEnd(rawPath), privacy.maxPathBytes(), false);
        QueryParams.Names query = QueryParams.of(Urls.query(rawPath), privacy);
        String responseContentType = clean(responseHeaders.apply("content-type"), MAX_SHORT_BYTES);
        String requestContentType = clean(requestHeaders.apply("content-type"), MAX_SHORT_BYTES);
        String userAgent = request.getUserAgent().isEmpty() ? requestHeaders.apply("user-agent")
                : request.getUserAgent();
        String requestId = request.getRequestId().isEmpty() ? requestHeaders.apply("x-request-id")
                : request.getRequestId();

        if (!query.names().isEmpty()) {
            event.addAllQueryParamNames(query.names());
        }
        if (!query.valueCategories().isEmpty()) {
            event.addAllQueryPiiCategories(query.valueCategories());
        }
        ResponseSecurityHeaders.record(responseHeaders, event);
        event.setProtocol(protocol(entry.getProtocolVersion()))
                .setMethod(method(request.getRequestMethod()))
                .setHost(Text.clean(request.getAuthority(), MAX_HOST_BYTES, true).strip())
                .setPath(path.value())
                .setPathTruncated(path.truncated())
                .setCredentialInQuery(query.credentialInQuery())
                .setStatusCode(response.hasResponseCode() ? response.getResponseCode().getValue() : 0)
                .setRequestBytes(request.getRequestHeadersBytes() + request.getRequestBodyBytes())
                .setResponseBytes(response.getResponseHeadersBytes() + response.getResponseBodyBytes())
                .setUserAgent(clean(userAgent, MAX_VALUE_BYTES))
                .setRequestId(clean(requestId, MAX_VALUE_BYTES))
                .setContentType(responseContentType.isEmpty() ? requestContentType : responseContentType)
                .setHstsPresent(!responseHeaders.apply("strict-transport-security").isBlank())
                .setLocation(Urls.redactUrl(responseHeaders.apply("location"), privacy.maxPathBytes()));

        grpc(event, path, requestContentType, responseContentType, responseHeaders,
                HeaderView.of(response.getResponseTrailersList()));
        authentication(event, requestHeaders, common);
        if (privacy.storeHeaders()) {
            forwardHeaders(event, privacy, requestHeaders, responseHeaders);
        }
        return event.build();
    }

    /**
     * For callers holding Envoy's own generated entry (benchmarks, tools, tests): converted by its wire bytes, as the
     * gateway receives it. Not the gateway's path: its marshaller parses the slim messages directly.
     */
    public AccessEvent map(io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry envoyEntry, StreamIdentity identity,
            long receivedAtMillis) {
        try {
            return map(HTTPAccessLogEntry.parseFrom(envoyEntry.toByteString()), identity, receivedAtMillis);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ALS HTTP entry", e);
        }
    }

    /** As {@link #map(io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry, StreamIdentity, long)}, for TCP. */
    public AccessEvent map(io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry envoyEntry, StreamIdentity identity,
            long receivedAtMillis) {
        try {
            return map(TCPAccessLogEntry.parseFrom(envoyEntry.toByteString()), identity, receivedAtMillis);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ALS TCP entry", e);
        }
    }

    public AccessEvent map(TCPAccessLogEntry entry, StreamIdentity identity, long receivedAtMillis) {
        AccessLogCommon common = entry.getCommonProperties();
        AccessEvent.Builder event = common(common, identity, receivedAtMillis)
                .setProtocol("tcp")
                .setRequestBytes(entry.getConnectionProperties().getReceivedBytes())
                .setResponseBytes(entry.getConnectionProperties().getSentBytes());
        if (common.hasTlsProperties()) {
            authentication(event, key -> "", common); // a client certificate is the only credential TCP shows
        }
        return event.build();
    }

    /** gRPC service/method from a {@code /package.Service/Method} path; status/message from trailers or headers. */
    private static void grpc(AccessEvent.Builder event, Text.Cleaned path, String requestContentType,
            String responseContentType, HeaderView responseHeaders, HeaderView trailers) {
        boolean grpc = isGrpc(requestContentType) || isGrpc(responseContentType);
        String p = path.value();
        int slash = p.lastIndexOf('/');
        if (grpc && !path.truncated() && slash > 1 && p.charAt(0) == '/' && slash < p.length() - 1
                && p.indexOf('/', 1) == slash) {
            event.setGrpcService(p.substring(1, slash)).setGrpcMethod(p.substring(slash + 1));
        }
        // Trailers carry the status normally; a trailers-only response (e.g. Envoy's own error) puts it in headers.
        String status = trailers.apply("grpc-status");
        String message = trailers.apply("grpc-message");
        if (status.isBlank()) {
            status = responseHeaders.apply("grpc-status");
            message = responseHeaders.apply("grpc-message");
        }
        Integer code = parseInt(status);
        if (code != null) {
            event.setGrpcStatus(code);
            if (code != 0 && !message.isEmpty()) {
                String bounded = Text.clean(message, MAX_VALUE_BYTES * 3, false);
                event.setGrpcMessage(clean(Text.percentDecode(bounded, false), MAX_VALUE_BYTES));
            }
        }
    }

    /** Presence bits and hints for credentials; the consumer identity leaves only as its salted hash. */
    private void authentication(AccessEvent.Builder event, Function<String, String> requestHeaders,
            AccessLogCommon common) {
        String peerSubject = "";
        List<String> sans = List.of();
        if (common.hasTlsProperties() && common.getTlsProperties().hasPeerCertificateProperties()) {
            TLSProperties.CertificateProperties peer = common.getTlsProperties().getPeerCertificateProperties();
            peerSubject = peer.getSubject();
            if (peer.getSubjectAltNameCount() > 0) {
                sans = new ArrayList<>(Math.min(MAX_SANS, peer.getSubjectAltNameCount()));
                for (int i = 0; i < peer.getSubjectAltNameCount() && i < MAX_SANS; i++) {
                    TLSProperties.CertificateProperties.SubjectAltName san = peer.getSubjectAltName(i);
                    sans.add(san.hasUri() ? san.getUri() : san.getDns());
                }
            }
        }
        AuthInspector.Auth found = auth.inspect(requestHeaders, peerSubject, sans);
        if (!found.observed()) {
            return;
        }
        event.setAuthObserved(true).addAllAuthHints(found.hints());
        if (hasher != null) {
            found.consumer().ifPresent(consumer -> {
                event.setConsumerHash(consumerHashes.hash(consumer)).setConsumerScheme(consumer.scheme());
                hasher.activePrevious().ifPresent(previous ->
                        event.setConsumerHashPrevious(previous.hash(consumer.value())));
            });
        }
    }

    /** Allow-listed headers (lower-case names), never the sensitive ones, request first, values capped. */
    private void forwardHeaders(AccessEvent.Builder event, PrivacyPolicy privacy, HeaderView requestHeaders,
            HeaderView responseHeaders) {
        int forwarded = 0;
        for (String name : privacy.headerAllowlist()) {
            if (forwarded >= MAX_FORWARDED_HEADERS) {
                break;
            }
            if (!privacy.forwards(name) || auth.extraAuthHeaders().contains(name)) {
                continue;
            }
            String value = requestHeaders.apply(name);
            if (value.isEmpty()) {
                value = responseHeaders.apply(name);
            }
            if (!value.isEmpty()) {
                event.putHeaders(name, SensitiveHeaders.URL_VALUED.contains(name)
                        ? Urls.redactUrl(value, MAX_VALUE_BYTES)
                        : clean(value, MAX_VALUE_BYTES));
                forwarded++;
            }
        }
    }

    private AccessEvent.Builder common(AccessLogCommon common, StreamIdentity identity, long receivedAtMillis) {
        long tsMs = common.hasStartTime()
                ? common.getStartTime().getSeconds() * 1000 + common.getStartTime().getNanos() / 1_000_000
                : receivedAtMillis;
        Duration duration = common.hasTimeToLastDownstreamTxByte() ? common.getTimeToLastDownstreamTxByte()
                : common.getDuration();
        ResponseFlags flags = common.getResponseFlags();
        AccessEvent.Builder event = AccessEvent.newBuilder()
                .setStage(EventStage.EVENT_STAGE_RAW)
                .setEventId(ObjectIds.next(tsMs))
                .setTsMs(tsMs)
                .setInstanceId(instanceId)
                .setProjectId(identity.projectId())
                .setListenerName(identity.listenerName())
                .setListenerIp(identity.listenerIp())
                .setLogName(identity.logName())
                .setDurationMs(duration.getSeconds() * 1000.0 + duration.getNanos() / 1_000_000.0)
                .setSourceIp(clean(socketAddress(common.getDownstreamRemoteAddress()), MAX_SHORT_BYTES))
                .setRouteName(clean(common.getRouteName(), MAX_VALUE_BYTES))
                .setUpstreamCluster(clean(common.getUpstreamCluster(), MAX_VALUE_BYTES))
                .setRouteMatched(!flags.getNoRouteFound());
        if (hasher != null) {
            event.setHashKeyId(hasher.keyId()); // the salt behind consumer_hash (and the enricher's *_hash)
        }
        List<String> flagNames = ResponseFlagNames.of(flags);
        if (!flagNames.isEmpty()) {
            event.addAllResponseFlags(flagNames);
        }
        if (common.hasTlsProperties()) {
            TLSProperties tls = common.getTlsProperties();
            event.setTlsVersion(tlsVersion(tls.getTlsVersion()))
                    .setTlsSni(clean(tls.getTlsSniHostname(), MAX_HOST_BYTES))
                    .setTlsPeerSubject(clean(tls.getPeerCertificateProperties().getSubject(), MAX_VALUE_BYTES))
                    .setTlsPeerIssuer(clean(tls.getPeerCertificateProperties().getIssuer(), MAX_VALUE_BYTES));
        }
        return event;
    }

    private PrivacyPolicy currentPolicy() {
        PrivacyPolicy current = policy.get();
        return current == null ? PrivacyPolicy.defaults() : current;
    }

    /** The AccessEvent protocol value of an HTTP entry; empty when Envoy did not say. */
    public static String protocol(HTTPAccessLogEntry.HTTPVersion version) {
        return switch (version) {
            case HTTP10 -> "http/1.0";
            case HTTP11 -> "http/1.1";
            case HTTP2 -> "http/2";
            case HTTP3 -> "http/3";
            default -> "";
        };
    }

    static String method(RequestMethod method) {
        return method == RequestMethod.METHOD_UNSPECIFIED || method == RequestMethod.UNRECOGNIZED ? "" : method.name();
    }

    static String tlsVersion(TLSProperties.TLSVersion version) {
        return switch (version) {
            case TLSv1 -> "TLSv1";
            case TLSv1_1 -> "TLSv1.1";
            case TLSv1_2 -> "TLSv1.2";
            case TLSv1_3 -> "TLSv1.3";
            default -> "";
        };
    }

    /** The downstream peer's socket address only: a pipe or internal address gives an empty value. */
    static String socketAddress(Address address) {
        return address.hasSocketAddress() ? address.getSocketAddress().getAddress() : "";
    }

    static boolean isGrpc(String contentType) {
        return contentType.regionMatches(true, 0, GRPC_CONTENT_TYPE, 0, GRPC_CONTENT_TYPE.length());
    }

    private static String clean(String value, int maxBytes) {
        return Text.clean(value, maxBytes, true);
    }

    private static Integer parseInt(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 10) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Lenient %XX decoding (kept for callers of the skeleton's API); see {@link Text#percentDecode}. */
    static String percentDecode(String value) {
        return Text.percentDecode(value, false);
    }

    @Override
    public String toString() {
        return "AccessLogEntryMapper[instanceId=" + instanceId + ", consumerHashing=" + (hasher != null)
                + ", extraAuthHeaders=" + auth.extraAuthHeaders() + "]";
    }
}
