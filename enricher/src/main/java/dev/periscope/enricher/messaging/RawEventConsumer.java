package dev.periscope.enricher.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import dev.periscope.enricher.classify.ClassifierHolder;
import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.kit.messaging.DeadLetterPublisher;
import dev.periscope.kit.messaging.DeadLetterPublisher.DeadLetter;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * periscope.access.raw.v1 → periscope.access.enriched.v1. The outgoing message carries the incoming one's
 * acknowledgement, so the raw offset is committed only after the broker acknowledged the enriched record.
 * Bytes that do not parse go to the dead-letter topic and are acknowledged once the dead letter is.
 */
@ApplicationScoped
public class RawEventConsumer {
    private static final Logger LOG = Logger.getLogger(RawEventConsumer.class);

    private final ClassifierHolder classifiers;
    private final DeadLetterPublisher deadLetters;
    private final String eventSource;
    private final AccessEventDeserializer deserializer = new AccessEventDeserializer();
    private final Counter enriched;
    private final Counter malformed;
    private final EnrichedEventMetrics metrics;

    public RawEventConsumer(ClassifierHolder classifiers, DeadLetterPublisher deadLetters, InstanceIdentity identity,
            MeterRegistry registry) {
        this.classifiers = classifiers;
        this.deadLetters = deadLetters;
        this.eventSource = identity.eventSource();
        this.enriched = registry.counter("periscope.events.enriched");
        this.malformed = registry.counter("periscope.events.dropped", "reason", "malformed");
        this.metrics = new EnrichedEventMetrics(registry);
    }

    @Incoming("access-raw")
    @Outgoing("access-enriched")
    public Uni<Message<AccessEvent>> enrich(Message<byte[]> raw) {
        AccessEvent event;
        try {
            AccessEvent parsed = deserializer.deserialize(Topics.ACCESS_RAW, raw.getPayload());
            if (parsed == null) {
                throw new IllegalArgumentException("record without a value (tombstone) on " + Topics.ACCESS_RAW);
            }
            event = classifiers.current().classify(parsed);
        } catch (RuntimeException e) {
            return deadLetter(raw, e);
        }
        enriched.increment();
        metrics.record(event);
        return Uni.createFrom().item(raw.withPayload(event).addMetadata(outgoingMetadata(event)));
    }

    private OutgoingKafkaRecordMetadata<String> outgoingMetadata(AccessEvent event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, CloudEventHeaders.TYPE_ACCESS_ENRICHED, eventSource, event.getEventId(),
                Instant.ofEpochMilli(event.getTsMs()));
        return OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(RecordKeys.enrichedKey(event))
                .withHeaders(headers)
                .build();
    }

    /** Emits nothing downstream (a null item skips the message); acks the raw record once the DLQ has it. */
    @SuppressWarnings("unchecked")
    private Uni<Message<AccessEvent>> deadLetter(Message<byte[]> raw, RuntimeException error) {
        IncomingKafkaRecordMetadata<byte[], byte[]> meta = raw.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElse(null);
        DeadLetter letter = meta == null
                ? new DeadLetter(Topics.ACCESS_RAW, -1, -1L, null, raw.getPayload(), error, 1)
                : new DeadLetter(meta.getTopic(), meta.getPartition(), meta.getOffset(), meta.getKey(),
                        raw.getPayload(), error, 1);
        LOG.debugf("dead-lettering %s-%d@%d: %s", letter.sourceTopic(), letter.sourcePartition(),
                letter.sourceOffset(), error.getMessage());
        return Uni.createFrom().completionStage(() -> deadLetters.publish(letter))
                .invoke(() -> malformed.increment())
                .chain(() -> Uni.createFrom().completionStage(raw::ack))
                .onFailure().call(failure -> Uni.createFrom().completionStage(() -> raw.nack(failure)))
                .onItemOrFailure().transform((ignored, failure) -> (Message<AccessEvent>) null);
    }
}
