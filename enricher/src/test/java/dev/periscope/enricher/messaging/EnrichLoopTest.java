package dev.periscope.enricher.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.periscope.enricher.classify.Classifier;
import dev.periscope.kit.messaging.DeadLetterPublisher.DeadLetter;
import dev.periscope.kit.retry.RetryBackoff;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.EventStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The loop's contract against Kafka's in-process client doubles (the real broker path is EnricherIT): a batch's
 * offsets are committed only after every enriched record and dead letter of it was acknowledged; a failed publish
 * rewinds the batch instead of committing it.
 */
class EnrichLoopTest {
    private static final String RAW = "raw";
    private static final String ENRICHED = "enriched";
    private static final TopicPartition P0 = new TopicPartition(RAW, 0);
    private static final TopicPartition P1 = new TopicPartition(RAW, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private Function<DeadLetter, CompletionStage<Void>> deadLetterSink = letter -> {
        deadLetters.add(letter);
        return CompletableFuture.completedFuture(null);
    };
    private Supplier<Classifier> classifiers = () -> new Classifier(List.of(), (stage, error) -> { });

    @BeforeEach
    void assign() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    @Test
    void publishesEveryEventThenCommitsTheBatch() {
        MockProducer<byte[], byte[]> producer = producer(true);
        AccessEvent a = raw("/users/1");
        AccessEvent b = raw("/users/2");
        AccessEvent c = raw("/orders/3");
        add(P0, 0, a.toByteArray());
        add(P0, 1, b.toByteArray());
        add(P1, 0, c.toByteArray());

        loop(producer).step();

        assertThat(producer.history()).hasSize(3).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(ENRICHED);
            AccessEvent event = parse(record);
            assertThat(event.getStage()).isEqualTo(EventStage.EVENT_STAGE_ENRICHED);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(InventoryKey.of(event).id());
            assertThat(record.headers().lastHeader(CloudEventHeaders.ID).value())
                    .isEqualTo(event.getEventId().getBytes(StandardCharsets.UTF_8));
        });
        assertThat(producer.history().stream().map(r -> parse(r).getEventId()))
                .containsExactlyInAnyOrder(a.getEventId(), b.getEventId(), c.getEventId());
        assertThat(consumer.committed(Set.of(P0, P1)))
                .containsEntry(P0, new OffsetAndMetadata(2)).containsEntry(P1, new OffsetAndMetadata(1));
        assertThat(registry.counter("periscope.events.enriched").count()).isEqualTo(3);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void deadLettersPoisonAndCommitsPastIt() {
        MockProducer<byte[], byte[]> producer = producer(true);
        byte[] poison = "not a protobuf \u00ff".getBytes(StandardCharsets.UTF_8);
        add(P0, 0, raw("/a").toByteArray());
        add(P0, 1, poison);
        add(P0, 2, null);
        add(P0, 3, raw("/b").toByteArray());

        loop(producer).step();

        assertThat(producer.history()).hasSize(2);
        assertThat(deadLetters).extracting(DeadLetter::sourceOffset).containsExactly(1L, 2L);
        assertThat(deadLetters.get(0).value()).isEqualTo(poison);
        assertThat(deadLetters.get(0).error()).isInstanceOf(SerializationException.class);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(4));
        assertThat(registry.counter("periscope.events.dropped", "reason", "malformed").count()).isEqualTo(2);
    }

    @Test
    void aPipelineFailureIsDeadLetteredAsAnEnrichError() {
        classifiers = () -> {
            throw new IllegalStateException("bug");
        };
        add(P0, 0, raw("/a").toByteArray());

        loop(producer(true)).step();

        assertThat(deadLetters).hasSize(1);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(1));
        assertThat(registry.counter("periscope.events.dropped", "reason", "enrich_error").count()).isEqualTo(1);
    }

    @Test
    void aFailedSendRewindsTheBatchUncommittedAndTheRetrySucceeds() {
        FailingFlushProducer producer = new FailingFlushProducer(new TimeoutException("broker away"));
        add(P0, 0, raw("/a").toByteArray());
        add(P0, 1, raw("/b").toByteArray());
        EnrichLoop loop = loop(producer);

        loop.step();

        assertThat(consumer.committed(Set.of(P0))).doesNotContainKey(P0);
        assertThat(consumer.position(P0)).isZero();
        assertThat(loop.failing()).hasValueSatisfying(reason -> assertThat(reason).contains("broker away"));
        assertThat(registry.counter("periscope.publish.errors").count()).isEqualTo(1);

        add(P0, 0, raw("/a").toByteArray()); // what the real consumer fetches again after the seek
        add(P0, 1, raw("/b").toByteArray());
        loop.step();

        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(2));
        assertThat(loop.failing()).isEmpty();
    }

    @Test
    void aRecordTheBrokerCannotTakeIsDeadLetteredNotRetried() {
        FailingFlushProducer producer = new FailingFlushProducer(new RecordTooLargeException("too large"));
        add(P0, 0, raw("/a").toByteArray());

        loop(producer).step();

        assertThat(deadLetters).extracting(DeadLetter::sourceOffset).containsExactly(0L);
        assertThat(consumer.committed(Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(1));
        assertThat(registry.counter("periscope.events.dropped", "reason", "unpublishable").count()).isEqualTo(1);
    }

    @Test
    void anUnacknowledgedDeadLetterHoldsTheCommit() {
        deadLetterSink = letter -> CompletableFuture.failedFuture(new TimeoutException("dlq away"));
        add(P0, 0, "junk".getBytes(StandardCharsets.UTF_8));

        EnrichLoop loop = loop(producer(true));
        loop.step();

        assertThat(consumer.committed(Set.of(P0))).doesNotContainKey(P0);
        assertThat(loop.failing()).hasValueSatisfying(reason -> assertThat(reason).contains("dlq away"));
    }

    private EnrichLoop loop(MockProducer<byte[], byte[]> producer) {
        return new EnrichLoop(consumer, producer, RAW,
                new RawRecordEnricher(() -> classifiers.get(), RAW, ENRICHED, "/periscope/enricher/test"),
                letter -> deadLetterSink.apply(letter), new EnrichLoopMetrics(registry),
                new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(2), () -> 0.5), Duration.ofSeconds(1));
    }

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void add(TopicPartition partition, long offset, byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                ("k" + offset).getBytes(StandardCharsets.UTF_8), value));
    }

    private static AccessEvent raw(String path) {
        return AccessEvents.rawHttp("loop-test", "GET", path, 200).build();
    }

    private static AccessEvent parse(ProducerRecord<byte[], byte[]> record) {
        try {
            return AccessEvent.parseFrom(record.value());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** Fails the first pending send with the given error at flush (as the producer's I/O thread would). */
    private static final class FailingFlushProducer extends MockProducer<byte[], byte[]> {
        private RuntimeException error;

        FailingFlushProducer(RuntimeException error) {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.error = error;
        }

        @Override
        public synchronized void flush() {
            if (error != null) {
                errorNext(error);
                error = null;
            }
            super.flush();
        }
    }
}
