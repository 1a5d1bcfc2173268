package dev.periscope.pipeline;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;

import dev.periscope.traffic.AlsStream;
import dev.periscope.traffic.EnvoyAlsClient;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

/** Hand-built Envoy ALS entries whose inventory outcome the test knows exactly. */
final class AlsEntries {
    private AlsEntries() {
    }

    static HTTPAccessLogEntry http(HTTPAccessLogEntry.HTTPVersion version, RequestMethod method, String host,
            String path, int status, String contentType) {
        long now = System.currentTimeMillis();
        return HTTPAccessLogEntry.newBuilder()
                .setProtocolVersion(version)
                .setCommonProperties(common(now))
                .setRequest(HTTPRequestProperties.newBuilder().setRequestMethod(method).setAuthority(host)
                        .setPath(path).setUserAgent("pipeline-it/1.0").setRequestId("req-" + now)
                        .setRequestHeadersBytes(200))
                .setResponse(HTTPResponseProperties.newBuilder().setResponseCode(UInt32Value.of(status))
                        .setResponseHeadersBytes(120).setResponseBodyBytes(512)
                        .putResponseHeaders("content-type", contentType))
                .build();
    }

    static HTTPAccessLogEntry grpc(String service, String rpc, int grpcStatus) {
        HTTPAccessLogEntry base = http(HTTPAccessLogEntry.HTTPVersion.HTTP2, RequestMethod.POST, "grpc.acme.test",
                "/" + service + "/" + rpc, 200, "application/grpc");
        return base.toBuilder().setResponse(base.getResponse().toBuilder()
                .putResponseTrailers("grpc-status", Integer.toString(grpcStatus))).build();
    }

    static TCPAccessLogEntry tcp() {
        return TCPAccessLogEntry.newBuilder().setCommonProperties(common(System.currentTimeMillis())).build();
    }

    /** One stream: the identifier travels with the first batch, later batches carry entries only. */
    static AlsStream stream(String nodeId, List<HTTPAccessLogEntry> entries, List<TCPAccessLogEntry> tcp,
            int batchSize) {
        List<StreamAccessLogsMessage> messages = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += batchSize) {
            StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder()
                    .setHttpLogs(StreamAccessLogsMessage.HTTPAccessLogEntries.newBuilder()
                            .addAllLogEntry(entries.subList(from, Math.min(entries.size(), from + batchSize))));
            if (messages.isEmpty()) {
                message.setIdentifier(EnvoyAlsClient.identifier(nodeId, "pipeline-it"));
            }
            messages.add(message.build());
        }
        if (!tcp.isEmpty()) {
            StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder()
                    .setTcpLogs(StreamAccessLogsMessage.TCPAccessLogEntries.newBuilder().addAllLogEntry(tcp));
            if (messages.isEmpty()) {
                message.setIdentifier(EnvoyAlsClient.identifier(nodeId, "pipeline-it"));
            }
            messages.add(message.build());
        }
        return new AlsStream(nodeId, "pipeline-it", messages);
    }

    private static AccessLogCommon common(long startMillis) {
        return AccessLogCommon.newBuilder()
                .setDownstreamRemoteAddress(Address.newBuilder().setSocketAddress(
                        SocketAddress.newBuilder().setAddress("198.51.100.23").setPortValue(40001)))
                .setStartTime(Timestamp.newBuilder().setSeconds(startMillis / 1000)
                        .setNanos((int) (startMillis % 1000) * 1_000_000))
                .setTimeToLastDownstreamTxByte(Duration.newBuilder().setNanos(15_000_000))
                .setRouteName("api")
                .setUpstreamCluster("backend")
                .build();
    }
}
