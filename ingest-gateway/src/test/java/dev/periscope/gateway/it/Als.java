package dev.periscope.gateway.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;

import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** A grpc-java client that plays Envoy's ALS sink in tests: message builders and streams. */
final class Als {
    static final Duration BOUND = Duration.ofSeconds(30);

    private Als() {
    }

    static StreamAccessLogsMessage.Identifier identifier(String nodeId) {
        return StreamAccessLogsMessage.Identifier.newBuilder()
                .setNode(Node.newBuilder().setId(nodeId).setCluster("envoy")).setLogName("periscope").build();
    }

    static HTTPAccessLogEntry.Builder entry(String path) {
        long now = System.currentTimeMillis();
        return HTTPAccessLogEntry.newBuilder()
                .setProtocolVersion(HTTPAccessLogEntry.HTTPVersion.HTTP11)
                .setCommonProperties(AccessLogCommon.newBuilder()
                        .setStartTime(Timestamp.newBuilder().setSeconds(now / 1000)
                                .setNanos((int) (now % 1000) * 1_000_000))
                        .setDownstreamRemoteAddress(Address.newBuilder().setSocketAddress(
                                SocketAddress.newBuilder().setAddress("203.0.113.7").setPortValue(40000))))
                .setRequest(HTTPRequestProperties.newBuilder().setRequestMethod(RequestMethod.GET)
                        .setAuthority("api.example.test").setPath(path).setUserAgent("curl/8.5.0"))
                .setResponse(HTTPResponseProperties.newBuilder().setResponseCode(UInt32Value.of(200)));
    }

    /** A message of {@code entries} entries; with an identifier when {@code nodeId} is not null. */
    static StreamAccessLogsMessage http(String nodeId, int entries, String path) {
        StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder();
        if (nodeId != null) {
            message.setIdentifier(identifier(nodeId));
        }
        for (int i = 0; i < entries; i++) {
            message.getHttpLogsBuilder().addLogEntry(entry(path));
        }
        return message.build();
    }

    static StreamAccessLogsMessage message(String nodeId, List<HTTPAccessLogEntry> entries) {
        StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder();
        if (nodeId != null) {
            message.setIdentifier(identifier(nodeId));
        }
        message.getHttpLogsBuilder().addAllLogEntry(entries);
        return message.build();
    }

    /** Sends the messages on a new stream, half-closes, and completes with the final status (OK or the error). */
    static CompletableFuture<Status> stream(Channel channel, List<StreamAccessLogsMessage> messages) {
        OpenStream open = open(channel);
        messages.forEach(open.requests::onNext);
        open.requests.onCompleted();
        return open.status;
    }

    static Status await(CompletableFuture<Status> status) {
        try {
            return status.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("stream did not finish within " + BOUND, e);
        }
    }

    static OpenStream open(Channel channel) {
        CompletableFuture<Status> status = new CompletableFuture<>();
        StreamObserver<StreamAccessLogsMessage> requests = AccessLogServiceGrpc.newStub(channel)
                .streamAccessLogs(new StreamObserver<>() {
                    @Override
                    public void onNext(StreamAccessLogsResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        status.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        status.complete(Status.OK);
                    }
                });
        return new OpenStream((ClientCallStreamObserver<StreamAccessLogsMessage>) requests, status);
    }

    record OpenStream(ClientCallStreamObserver<StreamAccessLogsMessage> requests, CompletableFuture<Status> status) {
    }

    static List<HTTPAccessLogEntry> entries(int n, java.util.function.IntFunction<String> path) {
        List<HTTPAccessLogEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(entry(path.apply(i)).build());
        }
        return entries;
    }

    static HTTPAccessLogEntry withHeaders(int count) {
        HTTPAccessLogEntry.Builder entry = entry("/headers");
        HTTPRequestProperties.Builder request = entry.getRequestBuilder();
        for (int i = 0; i < count; i++) {
            request.putRequestHeaders("x-hostile-" + i, "v" + i);
        }
        return entry.build();
    }
}
