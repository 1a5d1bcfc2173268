package dev.periscope.gateway.service;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import dev.periscope.gateway.als.slim.HTTPAccessLogEntry;
import dev.periscope.gateway.als.slim.StreamAccessLogsMessage;
import dev.periscope.gateway.als.slim.TCPAccessLogEntry;
import dev.periscope.gateway.domain.NodeIdParser;
import dev.periscope.gateway.domain.StreamIdentity;
import dev.periscope.gateway.mapping.AccessLogEntryMapper;
import dev.periscope.model.v1.AccessEvent;

/**
 * One Envoy ALS stream. The identifier arrives only in the first message; it is kept here and stamped on every
 * entry. A stream whose first message has no identifier or a malformed node id stays open, and each of its entries
 * is a counted drop ({@code malformed}) — Envoy would only reconnect and resend the same identifier.
 * <p>
 * Flow control: the transport delivers the next message only after {@code requestNext} ran. Normally that happens
 * at the end of {@link #onMessage}; when the sink answers {@link RawEventSink.Offer#FULL} (block policy) the rest of
 * the message is held here (at most one message's entries) and {@code requestNext} runs once the sink took them, so
 * Envoy is slowed by HTTP/2 flow control instead of anything blocking a thread.
 * <p>
 * Messages of one stream arrive serially; the resume callback only runs while no message is outstanding. The
 * monitor guards the hand-over between the two and a concurrent cancellation.
 */
public final class AccessLogStream {
    private static final Logger LOG = Logger.getLogger(AccessLogStream.class);

    private final AccessLogEntryMapper mapper;
    private final RawEventSink sink;
    private final EventFilter filter;
    private final IngestMetrics metrics;
    private final LongSupplier clock;
    private final Runnable requestNext;
    private final ArrayDeque<AccessEvent> held = new ArrayDeque<>();
    private boolean first = true;
    private boolean closed;
    private long heldSinceNanos;
    private Runnable afterDrained;
    private StreamIdentity identity;

    AccessLogStream(AccessLogEntryMapper mapper, RawEventSink sink, EventFilter filter, IngestMetrics metrics,
            LongSupplier clock, Runnable requestNext) {
        this.mapper = mapper;
        this.sink = sink;
        this.filter = filter;
        this.metrics = metrics;
        this.clock = clock;
        this.requestNext = requestNext;
        metrics.streamOpened();
    }

    /** Handles one ALS message; asks for the next one when every entry was taken (now or later). */
    public void onMessage(StreamAccessLogsMessage message) {
        long arrived = System.nanoTime();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (first) {
                first = false;
                identity = identify(message);
            }
            long now = clock.getAsLong();
            if (message.hasHttpLogs()) {
                for (HTTPAccessLogEntry entry : message.getHttpLogs().getLogEntryList()) {
                    String protocol = AccessLogEntryMapper.protocol(entry.getProtocolVersion());
                    if (identity == null) {
                        malformed(protocol);
                        continue;
                    }
                    AccessEvent event;
                    try {
                        event = mapper.map(entry, identity, now);
                    } catch (RuntimeException e) {
                        panic(protocol, e);
                        continue;
                    }
                    accept(event, arrived);
                }
            } else if (message.hasTcpLogs()) {
                for (TCPAccessLogEntry entry : message.getTcpLogs().getLogEntryList()) {
                    if (identity == null) {
                        malformed("tcp");
                        continue;
                    }
                    AccessEvent event;
                    try {
                        event = mapper.map(entry, identity, now);
                    } catch (RuntimeException e) {
                        panic("tcp", e);
                        continue;
                    }
                    accept(event, arrived);
                }
            }
            if (held.isEmpty()) {
                requestNext.run();
                return;
            }
            heldSinceNanos = arrived;
        }
        sink.whenSpaceAvailable(this::resume);
    }

    private void accept(AccessEvent event, long arrived) {
        metrics.received(event.getProtocol(), 1);
        // ---- runtime ingest filter (IngestFilterProvider.current().dropReason): the single call site ----
        Optional<String> excluded = filter.dropReason(event);
        if (excluded.isPresent()) {
            metrics.dropped(excluded.get(), 1);
            return;
        }
        if (!held.isEmpty()) {
            hold(event); // keep the order behind entries that already wait
            return;
        }
        if (sink.offer(event, arrived) == RawEventSink.Offer.FULL) {
            hold(event);
        }
    }

    private void hold(AccessEvent event) {
        held.addLast(event);
        metrics.heldByStreams(1);
    }

    /** Sink has room again: hand over held entries, then ask for the next message (or wait again). */
    private void resume() {
        Runnable completion = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            while (!held.isEmpty()) {
                if (sink.offer(held.peekFirst(), heldSinceNanos) == RawEventSink.Offer.FULL) {
                    break;
                }
                held.pollFirst();
                metrics.heldByStreams(-1);
            }
            if (held.isEmpty()) {
                if (afterDrained != null) {
                    completion = afterDrained;
                    afterDrained = null;
                    closeLocked();
                } else {
                    requestNext.run();
                }
            }
        }
        if (completion != null) {
            completion.run();
            return;
        }
        if (!isDrained()) {
            sink.whenSpaceAvailable(this::resume);
        }
    }

    private synchronized boolean isDrained() {
        return closed || held.isEmpty();
    }

    /**
     * Envoy half-closed: runs {@code respond} (send the ALS response) once every held entry was handed over, now or
     * from the resume callback.
     */
    public void halfClose(Runnable respond) {
        synchronized (this) {
            if (!held.isEmpty() && !closed) {
                afterDrained = respond;
                return;
            }
            closeLocked();
        }
        respond.run();
    }

    /** Envoy went away (cancel, reset). Held entries are dropped ({@code cancelled}). Idempotent. */
    public synchronized void close() {
        closeLocked();
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        if (!held.isEmpty()) {
            metrics.dropped(IngestMetrics.REASON_CANCELLED, held.size());
            metrics.heldByStreams(-held.size());
            held.clear();
        }
        afterDrained = null;
        metrics.streamClosed();
    }

    private void malformed(String protocol) {
        metrics.received(protocol, 1);
        metrics.dropped(IngestMetrics.REASON_MALFORMED, 1);
    }

    private void panic(String protocol, RuntimeException e) {
        metrics.received(protocol, 1);
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
                    LOG.debugf("ALS stream with malformed node id (%d chars): its entries are dropped",
                            identifier.getNode().getId().length());
                    return null;
                });
    }

    /** Whether the first message identified the stream; false before the first message. */
    public synchronized boolean identified() {
        return identity != null;
    }

    /** Entries waiting here for queue space (block policy). */
    public synchronized int held() {
        return held.size();
    }
}
