package dev.periscope.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 Kafka binary-mode headers: the event's attributes travel as {@code ce_*} headers. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String ID = "ce_id";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String PROTOBUF_CONTENT_TYPE = "application/protobuf";

    public static final String TYPE_ACCESS_RAW = "dev.periscope.access.raw.v1";
    public static final String TYPE_ACCESS_ENRICHED = "dev.periscope.access.enriched.v1";
    public static final String TYPE_HEALTH_REPORT = "dev.periscope.ops.health.v1";

    private CloudEventHeaders() {
    }

    /** Writes all CloudEvents attributes of one record, replacing any present. */
    public static Headers write(Headers headers, String type, String source, String id, Instant time) {
        put(headers, SPEC_VERSION, SPEC_VERSION_VALUE);
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        put(headers, ID, id);
        put(headers, TIME, time.toString());
        put(headers, CONTENT_TYPE, PROTOBUF_CONTENT_TYPE);
        return headers;
    }

    public static Optional<String> read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
