package dev.periscope.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.periscope.model.cache.DirectMappedCache;

/**
 * The CloudEvents headers of records of one type from one source, byte for byte as {@link CloudEventHeaders#write}
 * writes them (same names, order and values), without its per-record cost: the four constant headers are encoded
 * once and the {@code ce_time} text is built from a per-second prefix remembered in a small
 * {@link DirectMappedCache} (so the writer may be shared between threads).
 */
public final class CloudEventHeaderWriter {
    static final int SECOND_SLOTS = 64;

    private final Header specVersion = header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
    private final Header type;
    private final Header source;
    private final Header contentType = header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.PROTOBUF_CONTENT_TYPE);
    private final DirectMappedCache<Long, String> secondPrefixes = new DirectMappedCache<>(SECOND_SLOTS);

    public CloudEventHeaderWriter(String type, String source) {
        this.type = header(CloudEventHeaders.TYPE, type);
        this.source = header(CloudEventHeaders.SOURCE, source);
    }

    /** A new header set for one record: {@code ce_id} = {@code id}, {@code ce_time} = {@code epochMillis}. */
    public Headers headers(String id, long epochMillis) {
        return new RecordHeaders(new Header[] {specVersion, type, source, header(CloudEventHeaders.ID, id),
            header(CloudEventHeaders.TIME, isoInstant(epochMillis)), contentType});
    }

    /** {@code Instant.ofEpochMilli(epochMillis).toString()}, e.g. {@code 2026-12-01T08:10:13.268Z}. */
    public String isoInstant(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        String prefix = secondPrefixes.computeIfAbsent(second, CloudEventHeaderWriter::secondWithoutZone);
        if (millis == 0) {
            return prefix + 'Z';
        }
        char[] fraction = {'.', (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10),
            (char) ('0' + millis % 10), 'Z'};
        return prefix.concat(new String(fraction));
    }

    private static String secondWithoutZone(long second) {
        String whole = Instant.ofEpochSecond(second).toString(); // no fraction at a whole second
        return whole.substring(0, whole.length() - 1);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
