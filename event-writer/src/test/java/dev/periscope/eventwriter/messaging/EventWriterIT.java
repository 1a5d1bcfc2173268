package dev.periscope.eventwriter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;

import dev.periscope.model.CloudEventHeaders;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The whole service against the real broker and the real ClickHouse endpoint. */
@QuarkusTest
@WithTestResource(UniqueConsumerGroup.class)
class EventWriterIT {
    private static final int EVENTS = 120;

    @Inject
    Client clickhouse;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "periscope.event-writer.kafka.topic")
    String topic;

    @ConfigProperty(name = "periscope.event-writer.clickhouse.database")
    String database;

    @Test
    void everyEnrichedEventOfAProjectBecomesExactlyOneRow() throws Exception {
        String project = AccessEvents.uniqueProjectId("ew-e2e");
        double malformedBefore = malformed();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < EVENTS; i++) {
                AccessEvent event = AccessEvents.enriched(project, i % 2 == 0 ? "GET" : "POST", "/orders/{id}",
                        i % 10 == 0 ? 500 : 200).build();
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        RecordKeys.enrichedKey(event).getBytes(StandardCharsets.UTF_8), event.toByteArray());
                CloudEventHeaders.write(record.headers(), CloudEventHeaders.TYPE_ACCESS_ENRICHED, "/event-writer-it",
                        event.getEventId(), Instant.ofEpochMilli(event.getTsMs()));
                producer.send(record);
                if (i == EVENTS / 2) {
                    producer.send(new ProducerRecord<>(topic, "poison".getBytes(),
                            new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00}));
                }
            }
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> rows(project) >= EVENTS);
        // nothing more arrives: no duplicates from retries or re-polls
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> rows(project) == EVENTS);
        assertThat(rows(project)).isEqualTo(EVENTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> malformed() >= malformedBefore + 1);
    }

    private long rows(String project) {
        return clickhouse.queryAll("SELECT count() AS n FROM `" + database + "`.api_events_raw WHERE project_id = '"
                + project + "'").get(0).getLong("n");
    }

    private double malformed() {
        Counter counter = registry.find("periscope.events.dropped").tag("reason", "malformed").counter();
        return counter == null ? 0 : counter.count();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(10)));
        return new KafkaProducer<>(props);
    }
}
