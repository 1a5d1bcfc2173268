package dev.periscope.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.periscope.gateway.service.BackpressurePolicy;
import dev.periscope.gateway.service.IngestAccountant;
import dev.periscope.gateway.service.IngestAccounting;
import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.gateway.service.RawEventSink.Offer;
import dev.periscope.kit.retry.RetryBackoff;
import dev.periscope.model.serde.AccessEventSerializer;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The publisher's queue, policies, retry, readiness and shutdown against Kafka's own {@link MockProducer} (a pure
 * unit test: the broker is not the point here; {@code KafkaOutageIT} covers the real one).
 */
class RawEventPublisherTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private MockProducer<String, AccessEvent> producer;
    private RawEventPublisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void dropNewRefusesAndCountsWhenFull() {
        publisher = publisher(3, BackpressurePolicy.DROP_NEW, false, Duration.ofSeconds(1)); // not started: queue only

        assertThat(offer(5)).isEqualTo(3);
        assertThat(dropped("backpressure")).isEqualTo(2);
        assertThat(publisher.queueDepth()).isEqualTo(3);
        assertBalanced();
    }

    @Test
    void dropOldEvictsTheOldestAndCountsIt() {
        publisher = publisher(3, BackpressurePolicy.DROP_OLD, false, Duration.ofSeconds(1));

        assertThat(offer(5)).isEqualTo(5);
        assertThat(dropped("drop_old")).isEqualTo(2);
        assertThat(publisher.queueDepth()).isEqualTo(3);
        assertBalanced();
    }

    @Test
    void blockAnswersFullWithoutCountingAndSignalsSpace() {
        publisher = publisher(2, BackpressurePolicy.BLOCK, true, Duration.ofSeconds(1));
        assertThat(publisher.offer(event(), System.nanoTime())).isEqualTo(Offer.ACCEPTED);
        assertThat(publisher.offer(event(), System.nanoTime())).isEqualTo(Offer.ACCEPTED);
        assertThat(publisher.offer(event(), System.nanoTime())).isEqualTo(Offer.FULL);
        AtomicInteger resumed = new AtomicInteger();
        publisher.whenSpaceAvailable(resumed::incrementAndGet);
        assertThat(publisher.blockedStreams()).isEqualTo(1);
        assertThat(metrics.droppedTotals().values().stream().mapToLong(Long::longValue).sum()).isZero();

        publisher.start(); // the dispatcher frees the queue and wakes the waiter
        await().atMost(BOUND).untilAsserted(() -> assertThat(resumed.get()).isEqualTo(1));
        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal()).isEqualTo(2));
    }

    @Test
    void publishesAndRecordsLatencies() {
        publisher = publisher(100, BackpressurePolicy.DROP_NEW, true, Duration.ofSeconds(1)).start();
        offer(10);

        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal()).isEqualTo(10));
        assertThat(producer.history()).hasSize(10);
        assertThat(registry.get(IngestMetrics.PROCESSING_DURATION).timer().count()).isEqualTo(10);
        assertThat(registry.get(IngestMetrics.PUBLISH_DURATION).timer().count()).isEqualTo(10);
        assertThat(publisher.health().up()).isTrue();
        assertBalanced();
    }

    @Test
    void failedAcknowledgementIsACountedDropAndMakesThePublisherNotReadyUntilASuccess() {
        publisher = publisher(100, BackpressurePolicy.DROP_NEW, false, Duration.ofSeconds(30)).start();
        offer(2);
        await().atMost(BOUND).untilAsserted(() -> assertThat(publisher.inFlight()).isEqualTo(2));
        assertBalanced();

        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));
        assertThat(dropped("publish_failed")).isEqualTo(1);
        assertThat(publisher.health().up()).isFalse();

        producer.completeNext();
        assertThat(metrics.publishedTotal()).isEqualTo(1);
        assertThat(publisher.health().up()).isTrue();
        assertBalanced();
    }

    @Test
    void sendRefusedUpFrontIsRetriedHoldingTheEntryAndTheQueueFillsThenDrops() {
        producer = new MockProducer<>(true, null, new StringSerializer(), new AccessEventSerializer());
        producer.sendException = new TimeoutException("Topic not present in metadata after 5000 ms.");
        publisher = new RawEventPublisher(producer, 2, BackpressurePolicy.DROP_NEW, "/ingest-gateway/test", metrics,
                settings(Duration.ofMillis(100), Duration.ofSeconds(30))).start();

        offer(1);
        await().atMost(BOUND).untilAsserted(() -> assertThat(publisher.health().up()).isFalse());
        offer(5); // one held by the retrying dispatcher, two queued, the rest dropped
        assertThat(dropped("backpressure")).isEqualTo(3);
        assertThat(publisher.queueDepth()).isEqualTo(3);
        assertBalanced();

        producer.sendException = null; // Kafka is back
        await().atMost(BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal()).isEqualTo(3));
        await().atMost(BOUND).untilAsserted(() -> assertThat(publisher.health().up()).isTrue());
        assertThat(dropped("publish_failed")).isZero();
        assertBalanced();
    }

    @Test
    void shutdownDrainsWhatItCanAndCountsTheRestAsShutdown() {
        producer = new MockProducer<>(true, null, new StringSerializer(), new AccessEventSerializer());
        producer.sendException = new TimeoutException("no broker");
        publisher = new RawEventPublisher(producer, 100, BackpressurePolicy.DROP_NEW, "/ingest-gateway/test", metrics,
                new RawEventPublisher.Settings(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMillis(200),
                        new RetryBackoff(Duration.ofMillis(20), Duration.ofMillis(50), () -> 0.5),
                        Duration.ofSeconds(60))).start();
        offer(10);

        long started = System.nanoTime();
        publisher.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

        assertThat(dropped("shutdown")).isEqualTo(10);
        assertThat(publisher.offer(event(), System.nanoTime())).isEqualTo(Offer.DROPPED);
        assertThat(dropped("shutdown")).isEqualTo(11);
        metrics.received("http/1.1", 1);
        assertBalanced();
        assertThat(publisher.health().up()).isFalse();
    }

    @Test
    void shutdownWithAHealthyProducerPublishesEverythingQueued() {
        publisher = publisher(1000, BackpressurePolicy.DROP_NEW, true, Duration.ofSeconds(1)).start();
        offer(500);
        publisher.close();

        assertThat(metrics.publishedTotal() + dropped("shutdown")).isEqualTo(500);
        assertThat(producer.closed()).isTrue();
        assertBalanced();
    }

    // ---------------------------------------------------------------- helpers

    private RawEventPublisher publisher(int queue, BackpressurePolicy policy, boolean autoComplete,
            Duration stall) {
        producer = new MockProducer<>(autoComplete, null, new StringSerializer(), new AccessEventSerializer());
        return new RawEventPublisher(producer, queue, policy, "/ingest-gateway/test", metrics,
                settings(Duration.ofMillis(10), stall));
    }

    private static RawEventPublisher.Settings settings(Duration backoff, Duration stall) {
        return new RawEventPublisher.Settings(stall, Duration.ofSeconds(2), Duration.ofSeconds(1),
                new RetryBackoff(backoff, backoff.multipliedBy(2), () -> 0.5), Duration.ofSeconds(60));
    }

    /** Offers n entries as received; returns how many were accepted. */
    private int offer(int n) {
        int accepted = 0;
        for (int i = 0; i < n; i++) {
            metrics.received("http/1.1", 1);
            if (publisher.offer(event(), System.nanoTime()) == Offer.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }

    private void assertBalanced() {
        IngestAccounting snapshot = new IngestAccountant(metrics, publisher).snapshot();
        assertThat(snapshot.unaccounted()).as("%s", snapshot).isZero();
    }

    private long dropped(String reason) {
        return metrics.droppedTotals().getOrDefault(reason, 0L);
    }

    private static AccessEvent event() {
        return AccessEvent.newBuilder().setEventId(Long.toHexString(System.nanoTime())).setTsMs(1_000)
                .setSourceIp("203.0.113.7").build();
    }
}
