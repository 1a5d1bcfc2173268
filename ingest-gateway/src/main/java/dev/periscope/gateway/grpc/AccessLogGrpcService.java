package dev.periscope.gateway.grpc;

import dev.periscope.gateway.service.AccessLogIngestService;
import dev.periscope.gateway.service.AccessLogStream;
import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsResponse;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/**
 * Envoy ALS v3 {@code StreamAccessLogs}. Runs on the gRPC event loop: it only translates and hands each message to
 * the stream's non-blocking {@link AccessLogStream}. {@code implements BindableService} is repeated on purpose:
 * Quarkus does not index Envoy's jar, and without it no gRPC server would start.
 */
@GrpcService
public class AccessLogGrpcService extends AccessLogServiceGrpc.AccessLogServiceImplBase implements BindableService {
    private final AccessLogIngestService ingest;

    public AccessLogGrpcService(AccessLogIngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public StreamObserver<StreamAccessLogsMessage> streamAccessLogs(StreamObserver<StreamAccessLogsResponse> responses) {
        AccessLogStream stream = ingest.openStream();
        return new StreamObserver<>() {
            @Override
            public void onNext(StreamAccessLogsMessage message) {
                stream.onMessage(message);
            }

            @Override
            public void onError(Throwable cancelledOrBroken) {
                // Envoy went away (cancel, reset, connection lost): forget the stream, nothing to answer.
                stream.close();
            }

            @Override
            public void onCompleted() {
                // Envoy half-closed: ALS has one empty response, then we close our side.
                stream.close();
                responses.onNext(StreamAccessLogsResponse.getDefaultInstance());
                responses.onCompleted();
            }
        };
    }
}
