package dev.periscope.eventwriter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;

import dev.periscope.eventwriter.writer.ClickHouseEndpoint;
import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.RecordKeys;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.BackendStatus;
import dev.periscope.model.v1.HealthStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** ClickHouse away: the service runs DEGRADED, holds the batch uncommitted, and stores it once ClickHouse is back. */
@QuarkusTest
@WithTestResource(ClickHouseBehindSwitch.class)
class EventWriterFailureIT {
    private static final int EVENTS = 40;

    @Inject
    ServiceHealth health;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "periscope.event-writer.kafka.topic")
    String topic;

    @ConfigProperty(name = "periscope.event-writer.clickhouse.database")
    String database;

    @Test
    void aDownClickHouseDegradesTheServiceAndLosesNothing() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> health.status() == HealthStatus.HEALTH_STATUS_DEGRADED);
        assertThat(health.backends()).filteredOn(b -> b.getName().equals("clickhouse"))
                .singleElement().extracting(BackendStatus::getStatus).isEqualTo(HealthStatus.HEALTH_STATUS_DOWN);

        String project = AccessEvents.uniqueProjectId("ew-down");
        double retriesBefore = retries();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < EVENTS; i++) {
                AccessEvent event = AccessEvents.enriched(project, "GET", "/down/{id}", 200).build();
                producer.send(new ProducerRecord<>(topic,
                        RecordKeys.enrichedKey(event).getBytes(StandardCharsets.UTF_8), event.toByteArray()));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> retries() >= retriesBefore + 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> health.status() == HealthStatus.HEALTH_STATUS_DEGRADED);

        try (Client direct = directClient()) {
            assertThat(rows(direct, project)).isZero();
            ClickHouseBehindSwitch.tcpSwitch.on();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> rows(direct, project) >= EVENTS);
            assertThat(rows(direct, project)).isEqualTo(EVENTS);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> health.status() == HealthStatus.HEALTH_STATUS_UP);
    }

    private double retries() {
        Counter counter = registry.find("periscope.events.insert.retries").counter();
        return counter == null ? 0 : counter.count();
    }

    /** On a fresh server the outage keeps the service from creating the table at all: no table, no rows. */
    private long rows(Client client, String project) {
        long tables = client.queryAll("SELECT count() AS n FROM system.tables WHERE database = '" + database
                + "' AND name = 'api_events_raw'").get(0).getLong("n");
        if (tables == 0) {
            return 0;
        }
        return client.queryAll("SELECT count() AS n FROM `" + database + "`.api_events_raw WHERE project_id = '"
                + project + "'").get(0).getLong("n");
    }

    private static Client directClient() {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.of(
                Optional.ofNullable(System.getenv("CLICKHOUSE_URI")).orElse("http://127.0.0.1:8123"),
                Optional.ofNullable(System.getenv("CLICKHOUSE_USERNAME")),
                Optional.ofNullable(System.getenv("CLICKHOUSE_PASSWORD")));
        return new Client.Builder().addEndpoint(endpoint.url()).setUsername(endpoint.username())
                .setPassword(endpoint.password()).setDefaultDatabase("default")
                .setSocketTimeout(30_000, ChronoUnit.MILLIS).build();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
        return new KafkaProducer<>(props);
    }
}
