package dev.periscope.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.model.v1.AccessEvent;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AccessLogStreamTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final List<AccessEvent> published = new ArrayList<>();
    private int capacity = Integer.MAX_VALUE;
    private final RawEventSink sink = event -> published.size() < capacity && published.add(event);
    private final AccessLogIngestService service = new AccessLogIngestService(
            new AccessLogEntryMapper("gw-1", 50, List.of("authorization")), sink, metrics, () -> 1_000L);

    @Test
    void identifierOfTheFirstMessageIsStampedOnEveryLaterEntry() {
        AccessLogStream stream = service.openStream();
        stream.onMessage(http(identifier("edge::acme::10.0.0.1", "periscope"), 2));
        stream.onMessage(http(null, 3));
        stream.onMessage(tcp());

        assertThat(published).hasSize(6).allSatisfy(event -> {
            assertThat(event.getProjectId()).isEqualTo("acme");
            assertThat(event.getListenerName()).isEqualTo("edge");
            assertThat(event.getListenerIp()).isEqualTo("10.0.0.1");
            assertThat(event.getLogName()).isEqualTo("periscope");
        });
        assertThat(count(IngestMetrics.RECEIVED, "protocol", "http/1.1")).isEqualTo(5);
        assertThat(count(IngestMetrics.RECEIVED, "protocol", "tcp")).isEqualTo(1);
        assertThat(count(IngestMetrics.DROPPED, "reason", "malformed")).isZero();
    }

    @Test
    void malformedNodeIdDropsEveryEntryOfThatStreamOnly() {
        AccessLogStream bad = service.openStream();
        AccessLogStream good = service.openStream();
        bad.onMessage(http(identifier("no-separator", "periscope"), 2));
        good.onMessage(http(identifier("edge::acme", "periscope"), 1));
        bad.onMessage(http(null, 3));
        bad.onMessage(tcp());

        assertThat(published).hasSize(1);
        assertThat(bad.identified()).isFalse();
        assertThat(count(IngestMetrics.DROPPED, "reason", "malformed")).isEqualTo(6);
    }

    @Test
    void firstMessageWithoutIdentifierIsMalformedEvenIfALaterOneHasIt() {
        AccessLogStream stream = service.openStream();
        stream.onMessage(http(null, 2));
        stream.onMessage(http(identifier("edge::acme", "periscope"), 1));

        assertThat(published).isEmpty();
        assertThat(count(IngestMetrics.DROPPED, "reason", "malformed")).isEqualTo(3);
    }

    @Test
    void refusedEventsAreCountedAsBackpressure() {
        capacity = 2;
        AccessLogStream stream = service.openStream();
        stream.onMessage(http(identifier("edge::acme", "periscope"), 5));

        assertThat(published).hasSize(2);
        assertThat(count(IngestMetrics.DROPPED, "reason", "backpressure")).isEqualTo(3);
        assertThat(count(IngestMetrics.RECEIVED, "protocol", "http/1.1")).isEqualTo(5);
    }

    @Test
    void activeStreamsGaugeFollowsOpenAndIdempotentClose() {
        AccessLogStream one = service.openStream();
        AccessLogStream two = service.openStream();
        assertThat(registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value()).isEqualTo(2);

        one.close();
        one.close();
        assertThat(registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value()).isEqualTo(1);
        two.close();
        assertThat(registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value()).isZero();
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static StreamAccessLogsMessage.Identifier identifier(String nodeId, String logName) {
        return StreamAccessLogsMessage.Identifier.newBuilder().setNode(Node.newBuilder().setId(nodeId))
                .setLogName(logName).build();
    }

    private static StreamAccessLogsMessage http(StreamAccessLogsMessage.Identifier identifier, int entries) {
        StreamAccessLogsMessage.Builder message = StreamAccessLogsMessage.newBuilder();
        if (identifier != null) {
            message.setIdentifier(identifier);
        }
        for (int i = 0; i < entries; i++) {
            message.getHttpLogsBuilder().addLogEntry(HTTPAccessLogEntry.newBuilder()
                    .setProtocolVersion(HTTPAccessLogEntry.HTTPVersion.HTTP11));
        }
        return message.build();
    }

    private static StreamAccessLogsMessage tcp() {
        return StreamAccessLogsMessage.newBuilder().setTcpLogs(StreamAccessLogsMessage.TCPAccessLogEntries.newBuilder()
                .addLogEntry(TCPAccessLogEntry.getDefaultInstance())).build();
    }
}
