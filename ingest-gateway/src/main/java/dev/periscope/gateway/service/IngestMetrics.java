package dev.periscope.gateway.service;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's ingest counters: exact totals ({@link LongAdder}s, also read by {@link IngestAccounting}) that
 * /metrics reads through Micrometer {@link FunctionCounter}s at scrape time. Counting costs one adder increment per
 * entry; a Micrometer {@code Counter} on Quarkus' composite registry walked its child meters on every increment,
 * which was most of the producer network thread's metrics time (JFR, issue 3). Conservation: received = published +
 * dropped (every reason) + queued + in flight.
 */
public final class IngestMetrics {
    public static final String RECEIVED = "periscope.events.received";
    public static final String PUBLISHED = "periscope.events.published";
    public static final String DROPPED = "periscope.events.dropped";
    public static final String ACTIVE_STREAMS = "periscope.active.streams";
    /** Ingest (message arrival) → handed to the Kafka producer. */
    public static final String PROCESSING_DURATION = "periscope.event.processing.duration";
    /** Producer send → broker acknowledgement. */
    public static final String PUBLISH_DURATION = "periscope.publish.duration";
    public static final String PUBLISH_ERRORS = "periscope.publish.errors";
    public static final String QUEUE_DEPTH = "periscope.publisher.queue.depth";
    public static final String BLOCKED_STREAMS = "periscope.publisher.blocked.streams";

    public static final String REASON_MALFORMED = "malformed";
    /** drop_new policy, or a full queue under any non-blocking policy. */
    public static final String REASON_BACKPRESSURE = "backpressure";
    /** drop_old policy: the oldest queued entry made room for a new one. */
    public static final String REASON_DROP_OLD = "drop_old";
    public static final String REASON_PANIC = "panic";
    public static final String REASON_PUBLISH_FAILED = "publish_failed";
    public static final String REASON_SHUTDOWN = "shutdown";
    /** block policy: the stream went away while its entries waited for queue space. */
    public static final String REASON_CANCELLED = "cancelled";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, LongAdder> receivedByProtocol = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> droppedTotals = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> publishErrors = new ConcurrentHashMap<>();
    private final LongAdder receivedTotal = new LongAdder();
    private final LongAdder publishedTotal = new LongAdder();
    private final Timer processing;
    private final Timer publish;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicLong heldByStreams = new AtomicLong();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder(PUBLISHED, publishedTotal, LongAdder::sum).register(registry);
        this.processing = Timer.builder(PROCESSING_DURATION)
                .description("ALS message arrival to hand-off to the Kafka producer")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        this.publish = Timer.builder(PUBLISH_DURATION)
                .description("Kafka producer send to broker acknowledgement (acks=all)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(120)).register(registry);
        registry.gauge(ACTIVE_STREAMS, activeStreams);
        // register the common drop reasons up front so dashboards and the health report see zeros
        for (String reason : new String[] {REASON_MALFORMED, REASON_BACKPRESSURE, REASON_DROP_OLD,
                REASON_PUBLISH_FAILED, REASON_SHUTDOWN}) {
            droppedTotal(reason);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** @param protocol the event protocol; empty becomes {@code unknown} */
    public void received(String protocol, int count) {
        String tag = protocol.isEmpty() ? "unknown" : protocol;
        LongAdder adder = receivedByProtocol.get(tag);
        if (adder == null) {
            adder = receivedByProtocol.computeIfAbsent(tag, p -> registered(RECEIVED, "protocol", p));
        }
        adder.add(count);
        receivedTotal.add(count);
    }

    /** One entry acknowledged by Kafka, {@code sentNanos} after it was handed to the producer. */
    public void published(long publishNanos) {
        publishedTotal.increment();
        publish.record(publishNanos, TimeUnit.NANOSECONDS);
    }

    /** One entry handed to the producer, {@code nanos} after its ALS message arrived. */
    public void handedToProducer(long nanos) {
        processing.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param kind a short error class, e.g. {@code timeout}, {@code fatal}, {@code sync_retry} */
    public void publishError(String kind) {
        publishErrors.computeIfAbsent(kind, k -> registry.counter(PUBLISH_ERRORS, "kind", k)).increment();
    }

    public void dropped(String reason, int count) {
        if (count <= 0) {
            return;
        }
        droppedTotal(reason).add(count);
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

    /** Entries a blocked stream holds while it waits for queue space (block policy); may be negative to release. */
    public void heldByStreams(int delta) {
        heldByStreams.addAndGet(delta);
    }

    public long heldByStreams() {
        return heldByStreams.get();
    }

    public long receivedTotal() {
        return receivedTotal.sum();
    }

    public long publishedTotal() {
        return publishedTotal.sum();
    }

    /** Drops by reason since start (exact, sorted by reason). */
    public Map<String, Long> droppedTotals() {
        Map<String, Long> totals = new TreeMap<>();
        droppedTotals.forEach((reason, adder) -> totals.put(reason, adder.sum()));
        return totals;
    }

    private LongAdder droppedTotal(String reason) {
        LongAdder adder = droppedTotals.get(reason);
        return adder != null ? adder : droppedTotals.computeIfAbsent(reason, r -> registered(DROPPED, "reason", r));
    }

    /** A new exact total, exposed as the counter {@code name{tag=value}}. */
    private LongAdder registered(String name, String tag, String value) {
        LongAdder adder = new LongAdder();
        FunctionCounter.builder(name, adder, LongAdder::sum).tag(tag, value).register(registry);
        return adder;
    }
}
