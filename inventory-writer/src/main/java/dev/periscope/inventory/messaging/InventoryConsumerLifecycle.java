package dev.periscope.inventory.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.periscope.inventory.config.InventoryConfig;
import dev.periscope.inventory.service.InventoryWriteService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the consumer loop at start-up and stops it first at shutdown, after the batch in hand. */
@ApplicationScoped
public class InventoryConsumerLifecycle {
    /** Client id of the consumer (the lag metrics' {@code client_id}). */
    public static final String CLIENT_ID = "kafka-consumer-access-enriched";
    private static final Logger LOG = Logger.getLogger(InventoryConsumerLifecycle.class);

    private EnrichedEventLoop loop;
    private Thread thread;
    private KafkaClientMetrics metrics;
    private InventoryWriteService writer;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event, InventoryConfig config,
            InventoryWriteService writer, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.writer = writer;
        InventoryConfig.Kafka kafka = config.kafka();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, kafka.autoOffsetReset());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, kafka.fetchMinBytes());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) kafka.fetchMaxWait().toMillis());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, kafka.maxPartitionFetchBytes());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) kafka.sessionTimeout().toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) kafka.heartbeatInterval().toMillis());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) kafka.maxPollInterval().toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
        metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        loop = new EnrichedEventLoop(consumer, kafka.topic(), writer, kafka.maxPollInterval());
        loop.onFailure(() -> Quarkus.asyncExit(70));
        thread = new Thread(loop, "inventory-consumer");
        thread.start();
        LOG.infof("consuming %s as group %s, up to %d records per batch", kafka.topic(), kafka.groupId(),
                kafka.maxPollRecords());
    }

    /** First at shutdown: finish the batch in hand (a held one gives up when MongoDB stays away), hand over, close. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        if (loop == null) {
            return;
        }
        loop.stop();
        writer.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
    }
}
