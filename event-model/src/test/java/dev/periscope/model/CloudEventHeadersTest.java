package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {
    @Test
    void writesEveryBinaryModeAttributeOnceAndReadsThemBack() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.TYPE, "stale".getBytes());

        CloudEventHeaders.write(headers, CloudEventHeaders.TYPE_ACCESS_RAW, "/ingest-gateway/gw-1",
                "65f0a1b2c3d4e5f601234567", Instant.parse("2026-11-23T10:15:30.123Z"));

        assertThat(headers.headers(CloudEventHeaders.TYPE)).hasSize(1);
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TYPE)).contains("dev.periscope.access.raw.v1");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SOURCE)).contains("/ingest-gateway/gw-1");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.ID)).contains("65f0a1b2c3d4e5f601234567");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TIME)).contains("2026-11-23T10:15:30.123Z");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.CONTENT_TYPE)).contains("application/protobuf");
        assertThat(CloudEventHeaders.read(headers, "ce_missing")).isEmpty();
    }
}
