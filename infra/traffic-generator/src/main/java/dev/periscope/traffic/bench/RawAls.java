package dev.periscope.traffic.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.envoyproxy.envoy.service.accesslog.v3.AccessLogServiceGrpc;
import io.grpc.MethodDescriptor;

/**
 * ALS v3 {@code StreamAccessLogs} with {@code byte[]} messages: the load generator sends pre-serialized batches (no
 * protobuf work on the client while measuring) and the bare server parses inside its handler (so it can time it).
 * On the wire it is the same method as Envoy's.
 */
public final class RawAls {
    /** {@code envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs}, client streaming, raw bytes. */
    public static final MethodDescriptor<byte[], byte[]> STREAM_ACCESS_LOGS = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
            .setFullMethodName(AccessLogServiceGrpc.getStreamAccessLogsMethod().getFullMethodName())
            .setRequestMarshaller(BytesMarshaller.INSTANCE)
            .setResponseMarshaller(BytesMarshaller.INSTANCE)
            .build();

    private RawAls() {
    }

    enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
