package dev.periscope.gateway.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's ingest counters. Conservation: {@code events.received} = {@code events.published} +
 * {@code events.dropped} (all reasons) + events still queued or in flight.
 */
public final class IngestMetrics {
    public static final String RECEIVED = "periscope.events.received";
    public static final String PUBLISHED = "periscope.events.published";
    public static final String DROPPED = "periscope.events.dropped";
    public static final String ACTIVE_STREAMS = "periscope.active.streams";

    public static final String REASON_MALFORMED = "malformed";
    public static final String REASON_BACKPRESSURE = "backpressure";
    public static final String REASON_PANIC = "panic";
    public static final String REASON_PUBLISH_FAILED = "publish_failed";
    public static final String REASON_SHUTDOWN = "shutdown";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> received = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Counter published;
    private final AtomicInteger activeStreams = new AtomicInteger();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = registry.counter(PUBLISHED);
        registry.gauge(ACTIVE_STREAMS, activeStreams);
        // register the common drop reasons up front so dashboards and the health report see zeros
        for (String reason : new String[] {REASON_MALFORMED, REASON_BACKPRESSURE}) {
            droppedCounter(reason);
        }
    }

    /** @param protocol the event protocol; empty becomes {@code unknown} */
    public void received(String protocol, int count) {
        String tag = protocol.isEmpty() ? "unknown" : protocol;
        received.computeIfAbsent(tag, p -> registry.counter(RECEIVED, "protocol", p)).increment(count);
    }

    public void published() {
        published.increment();
    }

    public void dropped(String reason, int count) {
        droppedCounter(reason).increment(count);
    }

    public void streamOpened() {
        activeStreams.incrementAndGet();
    }

    public void streamClosed() {
        activeStreams.decrementAndGet();
    }

    public int activeStreams() {
        return activeStreams.get();
    }

    private Counter droppedCounter(String reason) {
        return dropped.computeIfAbsent(reason, r -> registry.counter(DROPPED, "reason", r));
    }
}
