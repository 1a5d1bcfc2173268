package dev.periscope.gateway.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import dev.periscope.gateway.config.GatewayConfig;
import dev.periscope.gateway.service.BackpressurePolicy;
import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.gateway.service.RawEventSink;
import dev.periscope.kit.retry.RetryBackoff;
import dev.periscope.model.serde.AccessEventSerializer;
import dev.periscope.model.Topics;
import dev.periscope.model.v1.AccessEvent;

/**
 * Publishes raw events to {@code periscope.access.raw.v1}: a bounded queue in front of one idempotent
 * {@link Producer} ({@code enable.idempotence=true}, {@code acks=all}), drained by a single dispatcher thread.
 * <p>
 * Why a plain producer and not a SmallRye {@code Emitter}: the gateway must never block Envoy and must count every
 * drop with its reason. {@link #offer} is a non-blocking queue insert on the gRPC thread; only the dispatcher thread
 * ever waits on the producer (metadata, buffer space). A full queue follows the {@link BackpressurePolicy}.
 * <p>
 * Kafka unreachable: a send whose failure the producer reports before returning (no metadata within
 * {@code max.block.ms}, buffer exhausted) is retried by the dispatcher with back-off, holding that one entry, so the
 * queue fills and the policy drops (counted) — memory stays bounded and the dispatcher never dies. A failure reported
 * later (the producer's own retries ran out after {@code delivery.timeout.ms}) is a counted drop
 * ({@code publish_failed}). {@link #health} turns not-ready while entries stall or the last send failed.
 */
public class RawEventPublisher implements RawEventSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RawEventPublisher.class);
    private static final long POLL_MILLIS = 100;
    private static final int DRAIN_BATCH = 512;

    private final Producer<String, AccessEvent> producer;
    private final BlockingQueue<Queued> queue;
    private final int capacity;
    private final BackpressurePolicy policy;
    private final IngestMetrics metrics;
    private final RawRecordBuilder records;
    private final Settings settings;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> spaceWaiters = new ConcurrentLinkedQueue<>();
    private final ExecutorService resumer;
    private final Thread dispatcher;
    private final AtomicLong lastSuccessNanos = new AtomicLong();
    private final AtomicLong lastFailureNanos = new AtomicLong();
    private volatile String lastFailure = "";
    /** Entries taken from the queue by the dispatcher and not yet handed to the producer or counted. */
    private final AtomicInteger dispatching = new AtomicInteger();
    /** The entry the dispatcher is handing to the producer (the oldest one still waiting). */
    private volatile Queued current;
    private volatile boolean retrying;
    private volatile boolean accepting = true;
    private volatile boolean draining = true;
    private volatile boolean closing;
    private volatile boolean closed;

    /** Entry plus the {@link System#nanoTime()} its ALS message arrived. */
    record Queued(AccessEvent event, long receivedNanos) {
    }

    /**
     * @param stallThreshold the oldest waiting entry older than this makes the publisher not ready
     * @param drainTimeout shutdown budget to hand queued entries to the producer
     * @param closeTimeout shutdown budget to flush the producer and close it, after the drain
     * @param retryBackoff back-off between attempts of a send the producer refused before returning
     * @param retryBudget how long one entry is retried before it is dropped ({@code publish_failed})
     */
    /** {@code topic}: the raw topic, {@code periscope.access.raw.v1} unless a benchmark points it elsewhere. */
    public record Settings(Duration stallThreshold, Duration drainTimeout, Duration closeTimeout,
            RetryBackoff retryBackoff, Duration retryBudget, String topic) {

        public Settings(Duration stallThreshold, Duration drainTimeout, Duration closeTimeout,
                RetryBackoff retryBackoff, Duration retryBudget) {
            this(stallThreshold, drainTimeout, closeTimeout, retryBackoff, retryBudget, Topics.ACCESS_RAW);
        }
    }

    public RawEventPublisher(Producer<String, AccessEvent> producer, int queueSize, BackpressurePolicy policy,
            String source, IngestMetrics metrics, Settings settings) {
        this.producer = producer;
        this.capacity = queueSize;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.policy = policy;
        this.metrics = metrics;
        this.records = new RawRecordBuilder(settings.topic(), source);
        this.settings = settings;
        this.dispatcher = new Thread(this::dispatch, "raw-event-publisher");
        this.dispatcher.setDaemon(true);
        this.resumer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "raw-event-publisher-resume");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Producer settings of the raw topic: idempotent, acknowledged by all in-sync replicas. */
    public static Map<String, Object> producerProperties(String bootstrapServers, String clientId,
            GatewayConfig.Publisher config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSize());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(30_000, config.deliveryTimeout().toMillis() - config.linger().toMillis()));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, config.bufferMemory());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AccessEventSerializer.class.getName());
        return props;
    }

    public RawEventPublisher start() {
        dispatcher.start();
        return this;
    }

    // ------------------------------------------------------------------ gRPC side (never blocks)

    @Override
    public Offer offer(AccessEvent event, long receivedNanos) {
        if (!accepting) {
            metrics.dropped(IngestMetrics.REASON_SHUTDOWN, 1);
            return Offer.DROPPED;
        }
        Queued entry = new Queued(event, receivedNanos);
        if (queue.offer(entry)) {
            return Offer.ACCEPTED;
        }
        switch (policy) {
            case BLOCK:
                return Offer.FULL;
            case DROP_OLD:
                while (!queue.offer(entry)) {
                    if (queue.poll() != null) {
                        metrics.dropped(IngestMetrics.REASON_DROP_OLD, 1);
                    }
                }
                return Offer.ACCEPTED;
            case DROP_NEW:
            default:
                metrics.dropped(IngestMetrics.REASON_BACKPRESSURE, 1);
                return Offer.DROPPED;
        }
    }

    @Override
    public void whenSpaceAvailable(Runnable resume) {
        spaceWaiters.add(resume);
        if (queue.remainingCapacity() > 0 || !accepting) {
            signalSpace(); // room appeared between the refused offer and the registration
        }
    }

    private void signalSpace() {
        Runnable waiter;
        while ((waiter = spaceWaiters.poll()) != null) {
            Runnable resume = waiter;
            try {
                resumer.execute(() -> {
                    try {
                        resume.run();
                    } catch (RuntimeException e) {
                        LOG.debugf(e, "resuming a blocked stream failed");
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closed
            }
        }
    }

    // ------------------------------------------------------------------ dispatcher thread

    private void dispatch() {
        List<Queued> batch = new ArrayList<>(DRAIN_BATCH);
        while (draining && !Thread.currentThread().isInterrupted()) {
            try {
                Queued head = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (head == null) {
                    if (!accepting) {
                        return; // shutting down and nothing left
                    }
                    continue;
                }
                batch.add(head);
                queue.drainTo(batch, DRAIN_BATCH - 1);
                dispatching.set(batch.size());
                if (!spaceWaiters.isEmpty()) {
                    signalSpace();
                }
                for (int i = 0; i < batch.size(); i++) {
                    if (!draining || Thread.currentThread().isInterrupted()) {
                        metrics.dropped(IngestMetrics.REASON_SHUTDOWN, batch.size() - i);
                        dispatching.set(0);
                        break;
                    }
                    current = batch.get(i);
                    try {
                        if (!sendWithRetry(current)) {
                            dispatching.decrementAndGet(); // counted as a drop
                        }
                    } catch (RuntimeException e) {
                        // never let the dispatcher die, and still account for the entry
                        dispatching.decrementAndGet();
                        metrics.dropped(IngestMetrics.REASON_PANIC, 1);
                        LOG.warnf("raw event dispatcher: %s", e.toString());
                    } finally {
                        current = null;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Hands one entry to the producer, retrying (holding only this entry) while the producer refuses up front. Every
     * path ends with the entry in flight or counted; an interrupt (shutdown) counts it {@code shutdown}.
     *
     * @return true when the producer took the entry (it moved from "dispatching" to "in flight"), false when counted
     */
    private boolean sendWithRetry(Queued entry) {
        long firstAttempt = System.nanoTime();
        try {
            for (int attempt = 1; ; attempt++) {
                SendAttempt result = send(entry);
                if (result.refused == null) {
                    return true;
                }
                boolean retriable = result.refused instanceof RetriableException;
                long elapsed = System.nanoTime() - firstAttempt;
                if (!retriable || elapsed >= settings.retryBudget().toNanos()) {
                    metrics.dropped(closing ? IngestMetrics.REASON_SHUTDOWN : IngestMetrics.REASON_PUBLISH_FAILED, 1);
                    return false;
                }
                if (!draining) {
                    metrics.dropped(IngestMetrics.REASON_SHUTDOWN, 1);
                    return false;
                }
                metrics.publishError("retry");
                retrying = true;
                try {
                    Thread.sleep(settings.retryBackoff().delay(attempt - 1).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    metrics.dropped(IngestMetrics.REASON_SHUTDOWN, 1);
                    return false;
                }
            }
        } finally {
            retrying = false;
        }
    }

    private final class SendAttempt implements Callback {
        private final Queued entry;
        private final long sentNanos = System.nanoTime();
        private Exception refused;

        SendAttempt(Queued entry) {
            this.entry = entry;
        }

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception failure) {
            if (Thread.currentThread() == dispatcher && failure != null && inSend) {
                // reported before send() returned: the record never entered the producer; the dispatcher decides
                refused = failure;
                noteFailure(failure);
                return;
            }
            inFlight.decrementAndGet();
            if (failure == null) {
                lastSuccessNanos.set(System.nanoTime());
                metrics.published(System.nanoTime() - sentNanos);
            } else {
                noteFailure(failure);
                metrics.publishError(failure instanceof RetriableException ? "timeout" : "fatal");
                metrics.dropped(closing ? IngestMetrics.REASON_SHUTDOWN : IngestMetrics.REASON_PUBLISH_FAILED, 1);
                LOG.debugf("raw event %s not published: %s", entry.event().getEventId(), failure.toString());
            }
        }

        private boolean inSend = true;
    }

    private SendAttempt send(Queued entry) {
        ProducerRecord<String, AccessEvent> record = records.record(entry.event());
        SendAttempt attempt = new SendAttempt(entry);
        // handed over from here on (a send may block for max.block.ms): in flight, no longer waiting
        inFlight.incrementAndGet();
        dispatching.decrementAndGet();
        try {
            producer.send(record, attempt);
        } catch (RuntimeException e) {
            // the producer threw instead of calling back (closed, interrupted, serialization)
            attempt.refused = e;
            noteFailure(e);
        } finally {
            attempt.inSend = false;
        }
        if (attempt.refused != null) {
            dispatching.incrementAndGet(); // back to waiting: the dispatcher retries or counts it
            inFlight.decrementAndGet();
        } else {
            metrics.handedToProducer(System.nanoTime() - entry.receivedNanos());
        }
        return attempt;
    }

    private void noteFailure(Exception failure) {
        lastFailureNanos.set(System.nanoTime());
        lastFailure = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    // ------------------------------------------------------------------ state

    /** Entries waiting for the producer: in the queue plus those the dispatcher took and has not handed over. */
    public int queueDepth() {
        return queue.size() + dispatching.get();
    }

    public int queueCapacity() {
        return capacity;
    }

    @Override
    public long queued() {
        return queueDepth();
    }

    @Override
    public long inFlight() {
        return inFlight.get();
    }

    public BackpressurePolicy policy() {
        return policy;
    }

    public int blockedStreams() {
        return spaceWaiters.size();
    }

    /** Age of the oldest entry still waiting for the producer; zero when none waits. */
    public Duration oldestWaiting() {
        Queued oldest = current;
        if (oldest == null) {
            oldest = queue.peek();
        }
        return oldest == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldest.receivedNanos());
    }

    /**
     * Not ready while entries stall (the oldest waits longer than the stall threshold), while the dispatcher retries
     * a refused send, or while the last send failed and none succeeded since (for one stall threshold, so an idle
     * gateway turns ready again by itself).
     */
    public Health health() {
        if (closed) {
            return new Health(false, "publisher closed");
        }
        Duration oldest = oldestWaiting();
        if (oldest.compareTo(settings.stallThreshold()) > 0) {
            return new Health(false, "oldest queued entry waits " + oldest.toMillis() + " ms; last error: "
                    + lastFailure);
        }
        if (retrying && lastFailureNanos.get() > lastSuccessNanos.get()) {
            return new Health(false, "producer refuses sends: " + lastFailure);
        }
        long failedAt = lastFailureNanos.get();
        if (failedAt != 0 && failedAt > lastSuccessNanos.get()
                && System.nanoTime() - failedAt < settings.stallThreshold().toNanos()) {
            return new Health(false, "last send failed and none succeeded since: " + lastFailure);
        }
        return new Health(true, queueDepth() + "/" + capacity + " queued, " + inFlight.get() + " in flight, policy "
                + policy.configName());
    }

    public record Health(boolean up, String detail) {
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stop accepting, hand queued entries to the producer within the drain timeout, then flush and close the producer
     * within the close timeout. Whatever is left is counted {@code shutdown}. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        accepting = false;
        signalSpace(); // blocked streams hand their entries over now and see them counted as shutdown
        try {
            dispatcher.join(Math.max(1, settings.drainTimeout().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draining = false;
        closing = true;
        if (dispatcher.isAlive()) {
            dispatcher.interrupt(); // a retry back-off or a blocked send
            try {
                dispatcher.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Queued> left = new ArrayList<>();
        queue.drainTo(left);
        metrics.dropped(IngestMetrics.REASON_SHUTDOWN, left.size());
        int unacked = inFlight.get();
        try {
            producer.close(settings.closeTimeout()); // flushes; unacknowledged records call back as failed
        } catch (RuntimeException e) {
            LOG.warnf("closing the Kafka producer: %s", e.toString());
        }
        resumer.shutdown();
        closed = true;
        LOG.infof("raw event publisher closed: %d queued entries dropped at shutdown, %d were in flight at close",
                left.size(), unacked);
    }
}
