package dev.periscope.enricher.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;

import dev.periscope.enricher.classify.Classifier;
import dev.periscope.model.CloudEventHeaderWriter;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.InventoryKey;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.cache.DirectMappedCache;
import dev.periscope.model.serde.AccessEventDeserializer;
import dev.periscope.model.serde.AccessEventWriter;
import dev.periscope.model.v1.AccessEvent;


/**
 * One raw record's value → the enriched record to publish: parse, classify on the current pipeline, key
 * {@link RecordKeys#enrichedKey} (ids remembered per inventory key), CloudEvents headers (constant ones encoded
 * once). Bytes that are not an event fail with a {@link SerializationException} (the dead-letter contract every
 * consumer shares), which the loop dead-letters.
 */
public final class RawRecordEnricher {
    private final Supplier<Classifier> classifiers;
    private final String outputTopic;
    private final String inputTopic;
    private final CloudEventHeaderWriter headers;
    private final DirectMappedCache<InventoryKey, String> keyIds = new DirectMappedCache<>(4096);
    private final AccessEventDeserializer deserializer = new AccessEventDeserializer();

    public RawRecordEnricher(Supplier<Classifier> classifiers, String inputTopic, String outputTopic,
            String eventSource) {
        this.classifiers = classifiers;
        this.inputTopic = inputTopic;
        this.outputTopic = outputTopic;
        this.headers = new CloudEventHeaderWriter(CloudEventHeaders.TYPE_ACCESS_ENRICHED, eventSource);
    }

    public Enriched enrich(byte[] value) {
        if (value == null) {
            throw new SerializationException("record without a value (tombstone) on " + inputTopic);
        }
        AccessEvent event = classifiers.get().classify(deserializer.deserialize(inputTopic, value));
        byte[] key = keyIds.computeIfAbsent(InventoryKey.of(event), InventoryKey::id).getBytes(StandardCharsets.UTF_8);
        return new Enriched(event, new ProducerRecord<>(outputTopic, null, key, AccessEventWriter.toByteArray(event),
                headers.headers(event.getEventId(), event.getTsMs())));
    }

    /** The classified event (for metrics) and the record carrying it. */
    public record Enriched(AccessEvent event, ProducerRecord<byte[], byte[]> record) {
    }
}
