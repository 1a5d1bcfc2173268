package dev.periscope.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.Topics;
import dev.periscope.model.v1.AccessEvent;

/**
 * The cached record builder must produce exactly what {@link CloudEventHeaders#write} and {@link RecordKeys} do
 * (the {@code ce_time} text itself: event-model's CloudEventHeaderWriterTest).
 */
class RawRecordBuilderTest {
    private static final String SOURCE = "/ingest-gateway/gw-test";

    @Test
    void sameRecordAsTheModelHelpersAcrossCacheHitsAndCollisions() {
        RawRecordBuilder builder = new RawRecordBuilder(Topics.ACCESS_RAW, SOURCE);
        Random random = new Random(7);
        long base = 1_764_576_613_268L;
        for (int i = 0; i < 20_000; i++) {
            // few distinct seconds and addresses (cache hits) plus many that collide in the fixed slots
            long ts = i % 3 == 0 ? base + random.nextInt(5_000) : base + random.nextInt(1_000_000_000);
            String ip = i % 2 == 0 ? "10.0.0." + random.nextInt(8) : "2001:db8::" + Integer.toHexString(random.nextInt());
            AccessEvent event = AccessEvent.newBuilder().setEventId("id-" + i).setTsMs(ts).setSourceIp(ip).build();

            ProducerRecord<String, AccessEvent> record = builder.record(event);

            RecordHeaders expected = new RecordHeaders();
            CloudEventHeaders.write(expected, CloudEventHeaders.TYPE_ACCESS_RAW, SOURCE, event.getEventId(),
                    Instant.ofEpochMilli(ts));
            assertThat(record.topic()).isEqualTo(Topics.ACCESS_RAW);
            assertThat(record.partition()).isNull();
            assertThat(record.key()).isEqualTo(RecordKeys.rawKey(event));
            assertThat(record.value()).isSameAs(event);
            assertThat(record.headers().toArray()).hasSameSizeAs(expected.toArray());
            Header[] actual = record.headers().toArray();
            Header[] wanted = expected.toArray();
            for (int h = 0; h < wanted.length; h++) {
                assertThat(actual[h].key()).isEqualTo(wanted[h].key());
                assertThat(actual[h].value()).isEqualTo(wanted[h].value());
            }
        }
    }

    @Test
    void emptySourceAddressHasTheModelKey() {
        AccessEvent event = AccessEvent.newBuilder().setEventId("x").setTsMs(1).build();
        assertThat(new RawRecordBuilder(Topics.ACCESS_RAW, SOURCE).key(event)).isEqualTo(RecordKeys.rawKey(event));
    }
}
