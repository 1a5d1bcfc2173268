package dev.periscope.gateway.service;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import dev.periscope.gateway.domain.NodeIdParser;
import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.model.v1.AccessEvent;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.TCPAccessLogEntry;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;

/**
 * One Envoy ALS stream. The identifier arrives only in the first message; it is kept here and stamped on every
 * entry. A stream whose first message has no identifier or a malformed node id stays open, and each of its entries
 * is a counted drop ({@code malformed}) — Envoy would only reconnect and resend the same identifier.
 * Messages of one stream arrive serially (gRPC guarantees it), so no locking is needed beyond the close flag.
 */
public final class AccessLogStream {
    private static final Logger LOG = Logger.getLogger(AccessLogStream.class);

    private final AccessLogEntryMapper mapper;
    private final RawEventSink sink;
    private final IngestMetrics metrics;
    private final LongSupplier clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean first = true;
    private StreamIdentity identity;

    AccessLogStream(AccessLogEntryMapper mapper, RawEventSink sink, IngestMetrics metrics, LongSupplier clock) {
        this.mapper = mapper;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        metrics.streamOpened();
    }

    public void onMessage(StreamAccessLogsMessage message) {
        if (first) {
            first = false;
            identity = identify(message);
        }
        long now = clock.getAsLong();
        if (message.hasHttpLogs()) {
            for (HTTPAccessLogEntry entry : message.getHttpLogs().getLogEntryList()) {
                if (identity == null) {
                    metrics.received(AccessLogEntryMapper.protocol(entry.getProtocolVersion()), 1);
                    metrics.dropped(IngestMetrics.REASON_MALFORMED, 1);
                    continue;
                }
                AccessEvent event;
                try {
                    event = mapper.map(entry, identity, now);
                } catch (RuntimeException e) {
                    metrics.received(AccessLogEntryMapper.protocol(entry.getProtocolVersion()), 1);
                    panic(e);
                    continue;
                }
                accept(event);
            }
        } else if (message.hasTcpLogs()) {
            for (TCPAccessLogEntry entry : message.getTcpLogs().getLogEntryList()) {
                if (identity == null) {
                    metrics.received("tcp", 1);
                    metrics.dropped(IngestMetrics.REASON_MALFORMED, 1);
                    continue;
                }
                AccessEvent event;
                try {
                    event = mapper.map(entry, identity, now);
                } catch (RuntimeException e) {
                    metrics.received("tcp", 1);
                    panic(e);
                    continue;
                }
                accept(event);
            }
        }
    }

    private void accept(AccessEvent event) {
        metrics.received(event.getProtocol(), 1);
        if (!sink.offer(event)) {
            metrics.dropped(IngestMetrics.REASON_BACKPRESSURE, 1);
        }
    }

    private void panic(RuntimeException e) {
        metrics.dropped(IngestMetrics.REASON_PANIC, 1);
        LOG.debugf(e, "entry could not be mapped");
    }

    private static StreamIdentity identify(StreamAccessLogsMessage message) {
        if (!message.hasIdentifier()) {
            LOG.debug("ALS stream without identifier in its first message: its entries are dropped");
            return null;
        }
        StreamAccessLogsMessage.Identifier identifier = message.getIdentifier();
        return NodeIdParser.parse(identifier.getNode().getId())
                .map(node -> new StreamIdentity(node.listener(), node.project(), node.ip(), identifier.getLogName()))
                .orElseGet(() -> {
                    LOG.debugf("ALS stream with malformed node id '%s': its entries are dropped",
                            identifier.getNode().getId());
                    return null;
                });
    }

    /** Whether the first message identified the stream; false before the first message. */
    public boolean identified() {
        return identity != null;
    }

    /** Idempotent: Envoy's half-close and a cancellation may both arrive. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            metrics.streamClosed();
        }
    }
}
