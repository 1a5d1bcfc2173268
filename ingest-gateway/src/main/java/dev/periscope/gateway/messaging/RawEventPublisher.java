package dev.periscope.gateway.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.periscope.gateway.config.GatewayConfig;
import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.gateway.service.RawEventSink;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.serde.AccessEventSerializer;
import dev.periscope.model.v1.AccessEvent;

/**
 * Publishes raw events to {@code periscope.access.raw.v1}: a bounded queue in front of one idempotent
 * {@link Producer} ({@code enable.idempotence=true}, {@code acks=all}), drained by a single dispatcher thread.
 * <p>
 * Why a plain producer and not a SmallRye {@code Emitter}: the gateway must never block Envoy and must count every
 * drop with its reason. An emitter's {@code BUFFER} overflow fails the whole channel once the buffer is full, its
 * {@code DROP} overflow drops silently, and a send with no broker waits {@code max.block.ms} on the caller's thread.
 * Here {@link #offer} is a non-blocking queue insert on the gRPC thread; only the dispatcher thread ever waits on
 * the producer (metadata, buffer space), and when the queue is full the event is refused and counted as
 * {@code backpressure} by the caller. Issue 3 adds the drop_old / block policies on this queue.
 */
public class RawEventPublisher implements RawEventSink {
    private static final Logger LOG = Logger.getLogger(RawEventPublisher.class);
    private static final long POLL_MILLIS = 100;

    private final Producer<String, AccessEvent> producer;
    private final BlockingQueue<AccessEvent> queue;
    private final IngestMetrics metrics;
    private final String source;
    private final Duration drainTimeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread dispatcher;
    private volatile boolean running = true;

    public RawEventPublisher(Producer<String, AccessEvent> producer, int queueSize, String source,
            IngestMetrics metrics, Duration drainTimeout) {
        this.producer = producer;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.metrics = metrics;
        this.source = source;
        this.drainTimeout = drainTimeout;
        this.dispatcher = new Thread(this::dispatch, "raw-event-publisher");
        this.dispatcher.setDaemon(true);
    }

    /** Producer settings of the raw topic: idempotent, acknowledged by all in-sync replicas. */
    public static Map<String, Object> producerProperties(String bootstrapServers, String clientId,
            GatewayConfig.Publisher config) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AccessEventSerializer.class.getName());
    }

    public RawEventPublisher start() {
        dispatcher.start();
        return this;
    }

    @Override
    public boolean offer(AccessEvent event) {
        return running && queue.offer(event);
    }

    /** Events waiting for the producer (not counting those the producer holds). */
    public int queueDepth() {
        return queue.size();
    }

    public int queueCapacity() {
        return queue.size() + queue.remainingCapacity();
    }

    private void dispatch() {
        while (running || !queue.isEmpty()) {
            AccessEvent event;
            try {
                event = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event != null) {
                send(event);
            }
        }
    }

    private void send(AccessEvent event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, CloudEventHeaders.TYPE_ACCESS_RAW, source, event.getEventId(),
                Instant.ofEpochMilli(event.getTsMs()));
        ProducerRecord<String, AccessEvent> record = new ProducerRecord<>(Topics.ACCESS_RAW, null,
                RecordKeys.rawKey(event), event, headers);
        inFlight.incrementAndGet();
        try {
            producer.send(record, (metadata, failure) -> {
                inFlight.decrementAndGet();
                if (failure == null) {
                    metrics.published();
                } else {
                    metrics.dropped(IngestMetrics.REASON_PUBLISH_FAILED, 1);
                    LOG.debugf("raw event %s not published: %s", event.getEventId(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            // the producer refused synchronously (closed, serialization); the idempotent producer retried already
            inFlight.decrementAndGet();
            metrics.dropped(IngestMetrics.REASON_PUBLISH_FAILED, 1);
            LOG.debugf("raw event %s not published: %s", event.getEventId(), e.toString());
        }
    }

    /** Stop accepting, drain the queue within the drain timeout, then close the producer (which flushes). */
    public void close() {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        running = false;
        try {
            dispatcher.join(Math.max(1, drainTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dispatcher.isAlive()) {
            dispatcher.interrupt();
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            metrics.dropped(IngestMetrics.REASON_SHUTDOWN, left);
        }
        long remaining = Math.max(0, deadline - System.nanoTime());
        producer.close(Duration.ofNanos(remaining));
        LOG.infof("raw event publisher closed (%d queued events dropped, %d were in flight)", left, inFlight.get());
    }
}
