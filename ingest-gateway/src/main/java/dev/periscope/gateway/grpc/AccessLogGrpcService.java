package dev.periscope.gateway.grpc;

import dev.periscope.gateway.als.slim.StreamAccessLogsMessage;
import dev.periscope.gateway.mapping.Utf8Repair;
import dev.periscope.gateway.service.AccessLogIngestService;
import dev.periscope.gateway.service.AccessLogStream;
import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsResponse;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/**
 * Envoy ALS v3 {@code StreamAccessLogs}. Runs on the gRPC event loop: it only translates and hands each message to
 * the stream's non-blocking {@link AccessLogStream}. Inbound flow control is manual: the next message is requested
 * only after the stream took the current one, which is how the {@code block} back-pressure policy slows Envoy
 * without blocking a thread. It binds the method itself ({@code BindableService}) rather than through the generated
 * ImplBase, because requests are parsed into the gateway's slim messages (see {@link Utf8Repair}), not Envoy's.
 */
@GrpcService
public class AccessLogGrpcService implements BindableService {
    private static final StreamObserver<StreamAccessLogsMessage> IGNORE = new StreamObserver<>() {
        @Override
        public void onNext(StreamAccessLogsMessage value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    };

    private final AccessLogIngestService ingest;

    public AccessLogGrpcService(AccessLogIngestService ingest) {
        this.ingest = ingest;
    }

    /**
     * Envoy's {@code AccessLogService} (same service and method names, same schema descriptor for reflection) with
     * one change: requests are parsed by {@link Utf8Repair#marshaller()} into the slim messages, so only the fields
     * the gateway reads are built, and a batch with invalid UTF-8 in a string field (Envoy copies request bytes
     * unchecked) is repaired instead of failing the whole stream. Bytes that are not a message still fail their
     * stream (INTERNAL).
     */
    @Override
    public ServerServiceDefinition bindService() {
        MethodDescriptor<io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage, StreamAccessLogsResponse>
                generated = AccessLogServiceGrpc.getStreamAccessLogsMethod();
        MethodDescriptor<StreamAccessLogsMessage, StreamAccessLogsResponse> method = generated
                .toBuilder(Utf8Repair.marshaller(), generated.getResponseMarshaller()).build();
        ServiceDescriptor envoy = AccessLogServiceGrpc.getServiceDescriptor();
        ServiceDescriptor service = ServiceDescriptor.newBuilder(envoy.getName())
                .setSchemaDescriptor(envoy.getSchemaDescriptor()).addMethod(method).build();
        return ServerServiceDefinition.builder(service)
                .addMethod(method, ServerCalls.asyncClientStreamingCall(this::streamAccessLogs)).build();
    }

    /** One ALS stream ({@code StreamAccessLogs} is client-streaming: many messages, one empty response). */
    public StreamObserver<StreamAccessLogsMessage> streamAccessLogs(StreamObserver<StreamAccessLogsResponse> responses) {
        if (!ingest.accepting()) {
            responses.onError(Status.UNAVAILABLE.withDescription("ingest-gateway is shutting down").asRuntimeException());
            return IGNORE;
        }
        AccessLogStream stream;
        if (responses instanceof ServerCallStreamObserver<StreamAccessLogsResponse> call) {
            call.disableAutoRequest();
            stream = ingest.openStream(() -> call.request(1));
            call.request(1);
        } else {
            stream = ingest.openStream(() -> {
            }); // not a grpc-java server call (never in practice): automatic flow control
        }
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
                // Envoy half-closed: ALS has one empty response, then we close our side (after held entries).
                stream.halfClose(() -> {
                    responses.onNext(StreamAccessLogsResponse.getDefaultInstance());
                    responses.onCompleted();
                });
            }
        };
    }
}
