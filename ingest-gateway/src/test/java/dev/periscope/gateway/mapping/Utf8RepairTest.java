package dev.periscope.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import dev.periscope.gateway.als.slim.HTTPAccessLogEntry;
import dev.periscope.gateway.als.slim.HeaderEntry;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.data.accesslog.v3.AccessLogCommon;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPRequestProperties;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPResponseProperties;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

class Utf8RepairTest {

    /** gRPC's message streams report their exact length; the read relies on it, but survives a wrong report. */
    private static final class KnownLengthStream extends ByteArrayInputStream implements io.grpc.KnownLength {
        private final int reported;

        KnownLengthStream(byte[] bytes, int reported) {
            super(bytes);
            this.reported = reported;
        }

        @Override
        public synchronized int available() {
            return Math.min(reported, super.available());
        }
    }

    @Test
    void readsKnownLengthStreamsWhateverLengthTheyReport() throws Exception {
        byte[] bytes = message().toByteArray();
        for (int reported : new int[] {bytes.length, bytes.length - 7, 0, 1}) {
            assertThat(Utf8Repair.readFully(new KnownLengthStream(bytes, reported))).as("reported %d", reported)
                    .isEqualTo(bytes);
        }
        assertThat(Utf8Repair.readFully(new ByteArrayInputStream(bytes))).isEqualTo(bytes);
        assertThat(Utf8Repair.marshaller().parse(new KnownLengthStream(bytes, bytes.length)))
                .isEqualTo(Utf8Repair.parseStreamAccessLogsMessage(bytes));
    }

    @Test
    void strictParsingRejectsTheWholeMessageWhichIsWhyRepairExists() {
        byte[] bytes = corrupt(message().toByteArray(), "#1");

        assertThatThrownBy(() -> StreamAccessLogsMessage.parseFrom(bytes))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void invalidSequencesInNestedStringsAndMapsBecomeReplacementCharacters() throws Exception {
        byte[] bytes = corrupt(message().toByteArray(), "#1", "#2", "#3", "#4");

        dev.periscope.gateway.als.slim.StreamAccessLogsMessage parsed = Utf8Repair.parseStreamAccessLogsMessage(bytes);

        assertThat(parsed.getIdentifier().getNode().getId()).isEqualTo("edge::acme");
        HTTPAccessLogEntry entry = parsed.getHttpLogs().getLogEntry(0);
        assertThat(entry.getRequest().getUserAgent()).isEqualTo("ua-\uFFFD1");
        assertThat(entry.getRequest().getRequestHeadersList())
                .containsExactly(HeaderEntry.newBuilder().setKey("x-h").setValue("v-\uFFFD2").build());
        assertThat(entry.getResponse().getResponseTrailersList())
                .containsExactly(HeaderEntry.newBuilder().setKey("grpc-message").setValue("m-\uFFFD3").build());
        assertThat(entry.getResponse().getResponseCode().getValue()).isEqualTo(503);
        assertThat(entry.getRequest().getRequestBodyBytes()).isEqualTo(1234);
    }

    @Test
    void fieldsTheGatewayDoesNotReadAreSkippedNotKeptEvenWhenTheirUtf8IsInvalid() throws Exception {
        // #4 sits in common.metadata (not in the slim messages): the strict parse skips it, nothing needs repair
        byte[] bytes = corrupt(message().toByteArray(), "#4");
        assertThatThrownBy(() -> StreamAccessLogsMessage.parseFrom(bytes))
                .as("Envoy's full message rejects it").isInstanceOf(InvalidProtocolBufferException.class);

        dev.periscope.gateway.als.slim.StreamAccessLogsMessage parsed = Utf8Repair.parseStreamAccessLogsMessage(bytes);

        HTTPAccessLogEntry entry = parsed.getHttpLogs().getLogEntry(0);
        assertThat(entry.getRequest().getUserAgent()).isEqualTo("ua-#1");
        assertThat(entry.getCommonProperties().getUnknownFields().asMap()).as("metadata is not kept").isEmpty();
        assertThat(parsed.getSerializedSize()).isLessThan(bytes.length);
    }

    @Test
    void validMessagesParseUnchangedAndGarbageStillThrows() throws Exception {
        StreamAccessLogsMessage message = message();

        dev.periscope.gateway.als.slim.StreamAccessLogsMessage parsed =
                Utf8Repair.parseStreamAccessLogsMessage(message.toByteArray());
        HTTPAccessLogEntry entry = parsed.getHttpLogs().getLogEntry(0);
        assertThat(parsed.getIdentifier().getLogName()).isEqualTo("periscope");
        assertThat(entry.getRequest().getUserAgent()).isEqualTo("ua-#1");
        assertThat(entry.getRequest().getRequestHeaders(0).getValue()).isEqualTo("v-#2");
        assertThat(entry.getResponse().getResponseTrailers(0).getValue()).isEqualTo("m-#3");
        assertThat(Utf8Repair.repair(message.toByteArray(),
                dev.periscope.gateway.als.slim.StreamAccessLogsMessage.getDescriptor()))
                .as("unknown fields are copied as they are").isEqualTo(message.toByteArray());
        assertThatThrownBy(() -> Utf8Repair.parseStreamAccessLogsMessage(new byte[] {(byte) 0x0A, (byte) 0xFF,
                0x01, 0x02})).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void marshallerParsesRepairedMessagesAndFailsGarbageWithInternal() {
        byte[] bytes = corrupt(message().toByteArray(), "#1");

        dev.periscope.gateway.als.slim.StreamAccessLogsMessage parsed =
                Utf8Repair.marshaller().parse(new ByteArrayInputStream(bytes));

        assertThat(parsed.getHttpLogs().getLogEntry(0).getRequest().getUserAgent()).isEqualTo("ua-\uFFFD1");
        dev.periscope.gateway.als.slim.StreamAccessLogsMessage slim =
                Utf8Repair.marshaller().parse(new ByteArrayInputStream(message().toByteArray()));
        assertThat(Utf8Repair.marshaller().parse(Utf8Repair.marshaller().stream(slim))).isEqualTo(slim);
        assertThatThrownBy(() -> Utf8Repair.marshaller().parse(new ByteArrayInputStream(new byte[] {0x0A, 0x7F})))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL));
    }

    private static StreamAccessLogsMessage message() {
        return StreamAccessLogsMessage.newBuilder()
                .setIdentifier(StreamAccessLogsMessage.Identifier.newBuilder()
                        .setNode(Node.newBuilder().setId("edge::acme")).setLogName("periscope"))
                .setHttpLogs(StreamAccessLogsMessage.HTTPAccessLogEntries.newBuilder().addLogEntry(
                        io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry.newBuilder()
                                .setCommonProperties(AccessLogCommon.newBuilder().setMetadata(Metadata.newBuilder()
                                        .putFilterMetadata("f", Struct.newBuilder().putFields("k",
                                                Value.newBuilder().setStringValue("s-#4").build()).build())))
                                .setRequest(HTTPRequestProperties.newBuilder().setUserAgent("ua-#1")
                                        .setRequestBodyBytes(1234).putRequestHeaders("x-h", "v-#2"))
                                .setResponse(HTTPResponseProperties.newBuilder()
                                        .setResponseCode(com.google.protobuf.UInt32Value.of(503))
                                        .putResponseTrailers("grpc-message", "m-#3"))))
                .build();
    }

    /** Replaces each marker's '#' with a lone 0xC3 byte (a UTF-8 lead byte without its continuation). */
    static byte[] corrupt(byte[] bytes, String... markers) {
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String marker : markers) {
            int at = latin1.indexOf(marker);
            assertThat(at).as("marker %s", marker).isGreaterThanOrEqualTo(0);
            bytes[at] = (byte) 0xC3;
        }
        return bytes;
    }
}
