package dev.periscope.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.v1.AccessEvent;

/**
 * The raw-topic record of one event: key {@link RecordKeys#rawKey}, CloudEvents binary headers exactly as
 * {@link CloudEventHeaders#write} writes them (same names, order and bytes). It produces the same records as calling
 * those two per event, without their per-event cost: the key (a SHA-256) is remembered per source address and the
 * {@code ce_time} text per second, in small fixed-size caches, and the constant headers are built once.
 * <p>
 * Not thread-safe: the publisher's dispatcher thread owns it.
 */
final class RawRecordBuilder {
    /** Direct-mapped cache sizes (powers of two): memory stays bounded whatever the traffic. */
    static final int KEY_SLOTS = 4096;
    static final int SECOND_SLOTS = 64;

    private final Header specVersion = header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
    private final Header type = header(CloudEventHeaders.TYPE, CloudEventHeaders.TYPE_ACCESS_RAW);
    private final String topic;
    private final Header source;
    private final Header contentType = header(CloudEventHeaders.CONTENT_TYPE,
            CloudEventHeaders.PROTOBUF_CONTENT_TYPE);
    private final String[] keySources = new String[KEY_SLOTS];
    private final String[] keys = new String[KEY_SLOTS];
    private final long[] seconds = new long[SECOND_SLOTS];
    private final String[] secondPrefixes = new String[SECOND_SLOTS];

    RawRecordBuilder(String topic, String source) {
        this.topic = topic;
        this.source = header(CloudEventHeaders.SOURCE, source);
    }

    ProducerRecord<String, AccessEvent> record(AccessEvent event) {
        Header[] headers = {specVersion, type, source, header(CloudEventHeaders.ID, event.getEventId()),
            header(CloudEventHeaders.TIME, isoInstant(event.getTsMs())), contentType};
        return new ProducerRecord<>(topic, null, key(event), event, new RecordHeaders(headers));
    }

    /** {@link RecordKeys#rawKey}, remembered per source address. */
    String key(AccessEvent event) {
        String sourceIp = event.getSourceIp();
        int slot = sourceIp.hashCode() & (KEY_SLOTS - 1);
        if (sourceIp.equals(keySources[slot])) {
            return keys[slot];
        }
        String key = RecordKeys.rawKey(event);
        keySources[slot] = sourceIp;
        keys[slot] = key;
        return key;
    }

    /** {@code Instant.ofEpochMilli(epochMillis).toString()}, e.g. {@code 2026-12-01T08:10:13.268Z}. */
    String isoInstant(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        int slot = (int) second & (SECOND_SLOTS - 1);
        String prefix = secondPrefixes[slot];
        if (prefix == null || seconds[slot] != second) {
            String whole = Instant.ofEpochSecond(second).toString(); // no fraction at a whole second
            prefix = whole.substring(0, whole.length() - 1); // without the trailing 'Z'
            seconds[slot] = second;
            secondPrefixes[slot] = prefix;
        }
        if (millis == 0) {
            return prefix + 'Z';
        }
        char[] fraction = {'.', (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10),
            (char) ('0' + millis % 10), 'Z'};
        return prefix.concat(new String(fraction));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
