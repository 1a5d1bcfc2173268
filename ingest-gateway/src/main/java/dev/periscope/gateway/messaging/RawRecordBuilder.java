package dev.periscope.gateway.messaging;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.periscope.model.CloudEventHeaderWriter;
import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.cache.DirectMappedCache;
import dev.periscope.model.v1.AccessEvent;

/**
 * The raw-topic record of one event: key {@link RecordKeys#rawKey}, CloudEvents binary headers exactly as
 * {@link CloudEventHeaders#write} writes them (same names, order and bytes). It produces the same records as calling
 * those two per event, without their per-event cost: the key (a SHA-256) is remembered per source address in a
 * bounded {@link DirectMappedCache}, the headers come from a {@link CloudEventHeaderWriter} (constants encoded once,
 * {@code ce_time} from a per-second prefix).
 */
final class RawRecordBuilder {
    /** Source addresses whose key is remembered (direct-mapped: memory stays bounded whatever the traffic). */
    static final int KEY_SLOTS = 4096;

    private final String topic;
    private final CloudEventHeaderWriter headers;
    private final DirectMappedCache<String, String> keys = new DirectMappedCache<>(KEY_SLOTS);

    RawRecordBuilder(String topic, String source) {
        this.topic = topic;
        this.headers = new CloudEventHeaderWriter(CloudEventHeaders.TYPE_ACCESS_RAW, source);
    }

    ProducerRecord<String, AccessEvent> record(AccessEvent event) {
        return new ProducerRecord<>(topic, null, key(event), event,
                headers.headers(event.getEventId(), event.getTsMs()));
    }

    /** {@link RecordKeys#rawKey}, remembered per source address. */
    String key(AccessEvent event) {
        String sourceIp = event.getSourceIp();
        String key = keys.get(sourceIp);
        if (key == null) {
            key = RecordKeys.rawKey(event);
            keys.put(sourceIp, key);
        }
        return key;
    }
}
