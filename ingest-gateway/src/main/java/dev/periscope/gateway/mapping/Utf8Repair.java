package dev.periscope.gateway.mapping;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.protobuf.WireFormat;

import dev.periscope.gateway.als.slim.StreamAccessLogsMessage;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * The gateway's parse of an ALS message: Envoy's bytes into the slim messages of {@code als_slim.proto} (only the
 * fields the gateway reads; every other field is skipped on the wire, neither built nor kept).
 * <p>
 * Envoy puts request bytes into proto3 {@code string} fields unchecked (envoyproxy/envoy#5141: a user-agent or header
 * value with invalid UTF-8), and protobuf-java rejects the WHOLE message on such a field ("Protocol message had
 * invalid UTF-8") — one odd header would cost a batch of entries. This rewrites the wire bytes so that every string
 * field holds valid UTF-8 (each invalid sequence becomes U+FFFD), copying everything else unchanged, so that the
 * message parses. Linear in the message size; nesting deeper than {@value #MAX_DEPTH} is rejected like protobuf does.
 */
public final class Utf8Repair {
    static final int MAX_DEPTH = 100;

    private Utf8Repair() {
    }

    /**
     * Parses an ALS message, repairing invalid UTF-8 in string fields when (and only when) the strict parse fails.
     * For a gRPC marshaller: bytes that are not a message at all still throw. Fields the slim messages leave out are
     * skipped (their wire format is still checked: tags, lengths, groups), so invalid UTF-8 in them costs nothing.
     */
    public static StreamAccessLogsMessage parseStreamAccessLogsMessage(byte[] bytes)
            throws InvalidProtocolBufferException {
        try {
            return parseSlim(bytes);
        } catch (InvalidProtocolBufferException strict) {
            byte[] repaired;
            try {
                repaired = repair(bytes, StreamAccessLogsMessage.getDescriptor());
            } catch (IOException | RuntimeException e) {
                throw strict;
            }
            return parseSlim(repaired);
        }
    }

    /** Unknown fields are skipped, not collected (protobuf would otherwise keep them in an UnknownFieldSet). */
    private static final Parser<StreamAccessLogsMessage> SKIPPING_PARSER =
            DiscardUnknownFieldsParser.wrap(StreamAccessLogsMessage.parser());

    private static StreamAccessLogsMessage parseSlim(byte[] bytes) throws InvalidProtocolBufferException {
        return SKIPPING_PARSER.parseFrom(bytes);
    }

    /**
     * A request marshaller for {@code StreamAccessLogs} that parses with {@link #parseStreamAccessLogsMessage}; use it
     * in place of the generated one ({@code getStreamAccessLogsMethod().toBuilder().setRequestMarshaller(…)}).
     * Undecodable bytes fail like the generated marshaller does ({@code INTERNAL}).
     */
    public static MethodDescriptor.Marshaller<StreamAccessLogsMessage> marshaller() {
        return LenientMarshaller.INSTANCE;
    }

    private enum LenientMarshaller implements MethodDescriptor.Marshaller<StreamAccessLogsMessage> {
        INSTANCE;

        @Override
        public InputStream stream(StreamAccessLogsMessage value) {
            return value.toByteString().newInput();
        }

        @Override
        public StreamAccessLogsMessage parse(InputStream stream) {
            try {
                return parseStreamAccessLogsMessage(readFully(stream));
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e)
                        .asRuntimeException();
            }
        }
    }

    /**
     * All bytes of a gRPC message stream. gRPC's streams know their length ({@link KnownLength}): one exact array and
     * one copy, instead of {@link InputStream#readAllBytes()}'s chunk list and second copy (the messages are ~64 KiB).
     */
    static byte[] readFully(InputStream stream) throws IOException {
        if (!(stream instanceof KnownLength)) {
            return stream.readAllBytes();
        }
        byte[] bytes = new byte[stream.available()];
        int read = stream.readNBytes(bytes, 0, bytes.length);
        byte[] rest = stream.readAllBytes(); // empty unless the stream under-reported its length
        if (read == bytes.length && rest.length == 0) {
            return bytes;
        }
        byte[] all = new byte[read + rest.length];
        System.arraycopy(bytes, 0, all, 0, read);
        System.arraycopy(rest, 0, all, read, rest.length);
        return all;
    }

    /** The message's bytes with every string field re-encoded as valid UTF-8 (U+FFFD for invalid sequences). */
    public static byte[] repair(byte[] message, Descriptor type) throws IOException {
        return repair(message, type, 0);
    }

    private static byte[] repair(byte[] message, Descriptor type, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InvalidProtocolBufferException("message nested deeper than " + MAX_DEPTH);
        }
        CodedInputStream in = CodedInputStream.newInstance(message);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(message.length + 16);
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            FieldDescriptor field = type.findFieldByNumber(number);
            if (field != null && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                if (field.getType() == FieldDescriptor.Type.STRING) {
                    out.writeString(number, new String(in.readByteArray(), StandardCharsets.UTF_8));
                    continue;
                }
                if (field.getType() == FieldDescriptor.Type.MESSAGE) {
                    out.writeByteArray(number, repair(in.readByteArray(), field.getMessageType(), depth + 1));
                    continue;
                }
            }
            copyRaw(tag, in, out);
        }
        out.flush();
        return buffer.toByteArray();
    }

    /** Copies one field as it is (groups do not exist in proto3: they are rejected). */
    private static void copyRaw(int tag, CodedInputStream in, CodedOutputStream out) throws IOException {
        switch (WireFormat.getTagWireType(tag)) {
            case WireFormat.WIRETYPE_VARINT -> {
                long value = in.readRawVarint64();
                out.writeUInt32NoTag(tag);
                out.writeUInt64NoTag(value);
            }
            case WireFormat.WIRETYPE_FIXED64 -> {
                long value = in.readRawLittleEndian64();
                out.writeUInt32NoTag(tag);
                out.writeFixed64NoTag(value);
            }
            case WireFormat.WIRETYPE_FIXED32 -> {
                int value = in.readRawLittleEndian32();
                out.writeUInt32NoTag(tag);
                out.writeFixed32NoTag(value);
            }
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                byte[] value = in.readByteArray();
                out.writeUInt32NoTag(tag);
                out.writeByteArrayNoTag(value);
            }
            default -> throw new InvalidProtocolBufferException("unsupported wire type in tag " + tag);
        }
    }
}
