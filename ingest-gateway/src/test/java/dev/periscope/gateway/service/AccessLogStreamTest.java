package dev.periscope.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.gateway.mapping.Utf8Repair;
import dev.periscope.gateway.privacy.PrivacyPolicy;
import dev.periscope.model.HashSalt;
import dev.periscope.model.RotatingHasher;
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
    private final List<Runnable> waiters = new ArrayList<>();
    private int capacity = Integer.MAX_VALUE;
    private RawEventSink.Offer whenFull = RawEventSink.Offer.DROPPED;
    private EventFilter filter = EventFilter.NONE;
    private int requested;
    private final RawEventSink sink = new RawEventSink() {
        @Override
        public Offer offer(AccessEvent event, long receivedNanos) {
            if (published.size() < capacity) {
                published.add(event);
                return Offer.ACCEPTED;
            }
            if (whenFull == Offer.DROPPED) {
                metrics.dropped(IngestMetrics.REASON_BACKPRESSURE, 1);
            }
            return whenFull;
        }

        @Override
        public void whenSpaceAvailable(Runnable resume) {
            waiters.add(resume);
        }

        @Override
        public long queued() {
            return 0;
        }

        @Override
        public long inFlight() {
            return 0;
        }
    };
    private final AccessLogIngestService service = new AccessLogIngestService(
            new AccessLogEntryMapper("gw-1", PrivacyPolicy.defaults(), RotatingHasher.of(HashSalt.parse("7b1e9c4d2a6f8e3b5c0d1a9f"), "k-test")), sink, event -> filter.dropReason(event),
            metrics, () -> 1_000L);
    private final IngestAccountant accountant = new IngestAccountant(metrics, sink);

    private AccessLogStream open() {
        return service.openStream(() -> requested++);
    }

    @Test
    void identifierOfTheFirstMessageIsStampedOnEveryLaterEntry() {
        AccessLogStream stream = open();
        stream.onMessage(slim(http(identifier("edge::acme::10.0.0.1", "periscope"), 2)));
        stream.onMessage(slim(http(null, 3)));
        stream.onMessage(slim(tcp()));

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
        AccessLogStream bad = open();
        AccessLogStream good = open();
        bad.onMessage(slim(http(identifier("no-separator", "periscope"), 2)));
        good.onMessage(slim(http(identifier("edge::acme", "periscope"), 1)));
        bad.onMessage(slim(http(null, 3)));
        bad.onMessage(slim(tcp()));

        assertThat(published).hasSize(1);
        assertThat(bad.identified()).isFalse();
        assertThat(count(IngestMetrics.DROPPED, "reason", "malformed")).isEqualTo(6);
    }

    @Test
    void firstMessageWithoutIdentifierIsMalformedEvenIfALaterOneHasIt() {
        AccessLogStream stream = open();
        stream.onMessage(slim(http(null, 2)));
        stream.onMessage(slim(http(identifier("edge::acme", "periscope"), 1)));

        assertThat(published).isEmpty();
        assertThat(count(IngestMetrics.DROPPED, "reason", "malformed")).isEqualTo(3);
    }

    @Test
    void refusedEventsAreCountedAsBackpressure() {
        capacity = 2;
        AccessLogStream stream = open();
        stream.onMessage(slim(http(identifier("edge::acme", "periscope"), 5)));

        assertThat(published).hasSize(2);
        assertThat(count(IngestMetrics.DROPPED, "reason", "backpressure")).isEqualTo(3);
        assertThat(count(IngestMetrics.RECEIVED, "protocol", "http/1.1")).isEqualTo(5);
    }

    @Test
    void activeStreamsGaugeFollowsOpenAndIdempotentClose() {
        AccessLogStream one = open();
        AccessLogStream two = open();
        assertThat(registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value()).isEqualTo(2);

        one.close();
        one.close();
        assertThat(registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value()).isEqualTo(1);
        two.close();
        assertThat(registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value()).isZero();
    }

    @Test
    void everyHandledMessageRequestsTheNextOne() {
        AccessLogStream stream = open();
        stream.onMessage(slim(http(identifier("edge::acme", "periscope"), 2)));
        stream.onMessage(slim(http(null, 0)));
        stream.onMessage(slim(tcp()));

        assertThat(requested).isEqualTo(3);
    }

    @Test
    void blockPolicyHoldsTheRestOfTheMessageAndRequestsTheNextOnlyWhenTaken() {
        capacity = 2;
        whenFull = RawEventSink.Offer.FULL;
        AccessLogStream stream = open();
        stream.onMessage(slim(http(identifier("edge::acme", "periscope"), 5)));

        assertThat(published).hasSize(2);
        assertThat(stream.held()).isEqualTo(3);
        assertThat(requested).isZero();
        assertThat(waiters).hasSize(1);
        assertThat(accountant.snapshot().queued()).isEqualTo(3);

        capacity = 4; // room for two more: still waiting
        runWaiters();
        assertThat(published).hasSize(4);
        assertThat(requested).isZero();
        assertThat(waiters).hasSize(1);

        capacity = 100;
        runWaiters();
        assertThat(published).hasSize(5);
        assertThat(requested).isEqualTo(1);
        assertThat(count(IngestMetrics.DROPPED, "reason", "backpressure")).isZero();
        assertThat(accountant.snapshot().queued()).isZero();
    }

    @Test
    void halfCloseWaitsForHeldEntriesAndCancelCountsThem() {
        capacity = 1;
        whenFull = RawEventSink.Offer.FULL;
        AccessLogStream completing = open();
        completing.onMessage(slim(http(identifier("edge::acme", "periscope"), 3)));
        List<String> responded = new ArrayList<>();
        completing.halfClose(() -> responded.add("done"));
        assertThat(responded).isEmpty();
        capacity = 100;
        runWaiters();
        assertThat(responded).containsExactly("done");
        assertThat(published).hasSize(3);

        capacity = 3;
        AccessLogStream cancelled = open();
        cancelled.onMessage(slim(http(identifier("edge::acme", "periscope"), 4)));
        cancelled.close();
        runWaiters();
        assertThat(count(IngestMetrics.DROPPED, "reason", "cancelled")).isEqualTo(4);
        assertThat(metrics.heldByStreams()).isZero();
        assertThat(registry.get(IngestMetrics.ACTIVE_STREAMS).gauge().value()).isZero();
    }

    @Test
    void filterDropsAreCountedWithTheirReason() {
        filter = event -> event.getProtocol().equals("tcp") ? java.util.Optional.of("exclude_method")
                : java.util.Optional.empty();
        AccessLogStream stream = open();
        stream.onMessage(slim(http(identifier("edge::acme", "periscope"), 2)));
        stream.onMessage(slim(tcp()));

        assertThat(published).hasSize(2);
        assertThat(count(IngestMetrics.DROPPED, "reason", "exclude_method")).isEqualTo(1);
        var snapshot = accountant.snapshot();
        assertThat(snapshot.received()).isEqualTo(3);
        assertThat(snapshot.received()).isEqualTo(published.size() + snapshot.droppedTotal());
    }

    private void runWaiters() {
        List<Runnable> now = new ArrayList<>(waiters);
        waiters.clear();
        now.forEach(Runnable::run);
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    /** Envoy's message as the gateway receives it: by its wire bytes, into the slim messages. */
    private static dev.periscope.gateway.als.slim.StreamAccessLogsMessage slim(StreamAccessLogsMessage envoy) {
        try {
            return Utf8Repair.parseStreamAccessLogsMessage(envoy.toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
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
