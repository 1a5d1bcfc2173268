package dev.periscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cached writer must produce exactly what {@link CloudEventHeaders#write} does. */
class CloudEventHeaderWriterTest {
    private static final String SOURCE = "/enricher/test";

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 999L, 1_000L, 1_764_576_613_268L, 1_764_576_613_000L, 1_764_576_613_007L,
        1_764_576_613_070L, -1L, -999L, -1_000L, -1_001L, 253_402_300_799_999L, 253_402_300_800_000L,
        -62_135_596_800_001L})
    void ceTimeIsInstantToString(long epochMillis) {
        assertThat(new CloudEventHeaderWriter(CloudEventHeaders.TYPE_ACCESS_RAW, SOURCE).isoInstant(epochMillis))
                .isEqualTo(Instant.ofEpochMilli(epochMillis).toString());
    }

    @Test
    void sameHeadersAsTheModelHelperAcrossCacheHitsAndCollisions() {
        CloudEventHeaderWriter writer = new CloudEventHeaderWriter(CloudEventHeaders.TYPE_ACCESS_ENRICHED, SOURCE);
        Random random = new Random(7);
        long base = 1_764_576_613_268L;
        for (int i = 0; i < 20_000; i++) {
            // few distinct seconds (cache hits) plus many that collide in the fixed slots
            long ts = i % 3 == 0 ? base + random.nextInt(5_000) : base + random.nextInt(1_000_000_000);
            String id = "id-" + i;

            Header[] actual = writer.headers(id, ts).toArray();

            Header[] wanted = CloudEventHeaders.write(new RecordHeaders(), CloudEventHeaders.TYPE_ACCESS_ENRICHED,
                    SOURCE, id, Instant.ofEpochMilli(ts)).toArray();
            assertThat(actual).hasSameSizeAs(wanted);
            for (int h = 0; h < wanted.length; h++) {
                assertThat(actual[h].key()).isEqualTo(wanted[h].key());
                assertThat(actual[h].value()).isEqualTo(wanted[h].value());
            }
        }
    }
}
