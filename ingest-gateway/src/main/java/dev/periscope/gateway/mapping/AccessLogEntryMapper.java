package dev.periscope.gateway.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.protobuf.Duration;

import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.model.ObjectIds;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.data.accesslog.v3.ResponseFlags;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.TLSProperties;

/**
 * Maps one Envoy ALS v3 entry to a raw-stage {@link AccessEvent}. Pure: never throws on missing optional fields
 * (they become empty values), never keeps a credential's value, never reads x-forwarded-for (only the socket
 * address of the downstream peer is trusted).
 */
public final class AccessLogEntryMapper {
    static final String GRPC_CONTENT_TYPE = "application/grpc";

    private final String instanceId;
    private final int maxQueryParams;
    private final Set<String> authHeaders;

    public AccessLogEntryMapper(String instanceId, int maxQueryParams, Iterable<String> authHeaders) {
        this.instanceId = instanceId;
        this.maxQueryParams = Math.max(0, maxQueryParams);
        Set<String> names = new LinkedHashSet<>();
        authHeaders.forEach(name -> names.add(name.strip().toLowerCase(Locale.ROOT)));
        this.authHeaders = Set.copyOf(names);
    }

    /** @param receivedAtMillis stands in for the request start when Envoy sent none */
    public AccessEvent map(HTTPAccessLogEntry entry, StreamIdentity identity, long receivedAtMillis) {
        AccessEvent.Builder event = common(entry.getCommonProperties(), identity, receivedAtMillis);
        HTTPRequestProperties request = entry.getRequest();
        HTTPResponseProperties response = entry.getResponse();
        Map<String, String> requestHeaders = request.getRequestHeadersMap();
        Map<String, String> responseHeaders = response.getResponseHeadersMap();
        Map<String, String> trailers = response.getResponseTrailersMap();

        String rawPath = request.getPath().isEmpty() ? request.getOriginalPath() : request.getPath();
        String path = withoutQuery(rawPath);
        String contentType = header(responseHeaders, "content-type");
        if (contentType.isEmpty()) {
            contentType = header(requestHeaders, "content-type");
        }
        event.setProtocol(protocol(entry.getProtocolVersion()))
                .setMethod(method(request.getRequestMethod()))
                .setHost(request.getAuthority())
                .setPath(path)
                .addAllQueryParamNames(queryParamNames(rawPath))
                .setStatusCode(response.hasResponseCode() ? response.getResponseCode().getValue() : 0)
                .setRequestBytes(request.getRequestHeadersBytes() + request.getRequestBodyBytes())
                .setResponseBytes(response.getResponseHeadersBytes() + response.getResponseBodyBytes())
                .setUserAgent(!request.getUserAgent().isEmpty() ? request.getUserAgent()
                        : header(requestHeaders, "user-agent"))
                .setRequestId(!request.getRequestId().isEmpty() ? request.getRequestId()
                        : header(requestHeaders, "x-request-id"))
                .setContentType(contentType)
                .setHstsPresent(!header(responseHeaders, "strict-transport-security").isEmpty())
                .setLocation(withoutQuery(header(responseHeaders, "location")));

        if (contentType.toLowerCase(Locale.ROOT).startsWith(GRPC_CONTENT_TYPE)) {
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                event.setGrpcService(path.substring(1, slash)).setGrpcMethod(path.substring(slash + 1));
            }
        }
        // Trailers carry gRPC status normally; a trailers-only response (e.g. Envoy's own error) puts it in headers.
        String grpcStatus = header(trailers, "grpc-status");
        String grpcMessage = header(trailers, "grpc-message");
        if (grpcStatus.isEmpty()) {
            grpcStatus = header(responseHeaders, "grpc-status");
            grpcMessage = header(responseHeaders, "grpc-message");
        }
        Integer status = parseInt(grpcStatus);
        if (status != null) {
            event.setGrpcStatus(status);
            if (status != 0) {
                event.setGrpcMessage(percentDecode(grpcMessage));
            }
        }

        List<String> hints = new ArrayList<>();
        boolean authObserved = false;
        for (Map.Entry<String, String> header : requestHeaders.entrySet()) {
            if (authHeaders.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                authObserved = true;
            }
        }
        String authorization = header(requestHeaders, "authorization");
        if (startsWithIgnoreCase(authorization, "bearer ")) {
            hints.add("bearer");
        } else if (startsWithIgnoreCase(authorization, "basic ")) {
            hints.add("basic");
        }
        if (!header(requestHeaders, "x-api-key").isEmpty()) {
            hints.add("apikey");
        }
        if (!event.getTlsPeerSubject().isEmpty()) {
            hints.add("mtls");
        }
        return event.setAuthObserved(authObserved).addAllAuthHints(hints).build();
    }

    public AccessEvent map(TCPAccessLogEntry entry, StreamIdentity identity, long receivedAtMillis) {
        AccessEvent.Builder event = common(entry.getCommonProperties(), identity, receivedAtMillis);
        return event.setProtocol("tcp")
                .setRequestBytes(entry.getConnectionProperties().getReceivedBytes())
                .setResponseBytes(entry.getConnectionProperties().getSentBytes())
                .build();
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
                .setSourceIp(socketAddress(common.getDownstreamRemoteAddress()))
                .setRouteName(common.getRouteName())
                .setUpstreamCluster(common.getUpstreamCluster())
                .addAllResponseFlags(ResponseFlagNames.of(flags))
                .setRouteMatched(!flags.getNoRouteFound());
        if (common.hasTlsProperties()) {
            TLSProperties tls = common.getTlsProperties();
            event.setTlsVersion(tlsVersion(tls.getTlsVersion()))
                    .setTlsSni(tls.getTlsSniHostname())
                    .setTlsPeerSubject(tls.getPeerCertificateProperties().getSubject())
                    .setTlsPeerIssuer(tls.getPeerCertificateProperties().getIssuer());
        }
        return event;
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

    static String withoutQuery(String pathOrUrl) {
        int cut = pathOrUrl.length();
        int query = pathOrUrl.indexOf('?');
        int fragment = pathOrUrl.indexOf('#');
        if (query >= 0) {
            cut = query;
        }
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        return pathOrUrl.substring(0, cut);
    }

    /** Distinct parameter names in order of appearance, at most {@code maxQueryParams}; values are never kept. */
    List<String> queryParamNames(String rawPath) {
        int query = rawPath.indexOf('?');
        if (query < 0) {
            return List.of();
        }
        int fragment = rawPath.indexOf('#', query);
        String queryString = rawPath.substring(query + 1, fragment < 0 ? rawPath.length() : fragment);
        Set<String> names = new LinkedHashSet<>();
        for (String pair : queryString.split("&")) {
            if (names.size() >= maxQueryParams) {
                break;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq)).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Envoy logs header names lower-case; fall back to a case-insensitive scan for other producers. */
    static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return "";
    }

    private static Integer parseInt(String value) {
        try {
            return value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Lenient %XX decoding (gRPC's grpc-message encoding, URL query names); '+' is kept, bad escapes stay as-is. */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        int i = 0;
        while (i < value.length()) {
            int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (value.charAt(i) == '%' && low >= 0) {
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int codePoint = value.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AccessLogEntryMapper[maxQueryParams=" + maxQueryParams + ", authHeaders="
                + authHeaders.stream().sorted().collect(Collectors.joining(",")) + "]";
    }
}
