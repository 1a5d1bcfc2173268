package dev.periscope.enricher.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.periscope.enricher.classify.ClassifierHolder;
import dev.periscope.enricher.config.EnricherKafkaConfig;
import dev.periscope.kit.config.InstanceIdentity;
import dev.periscope.kit.messaging.DeadLetterPublisher;
import dev.periscope.kit.messaging.NativeLz4;
import dev.periscope.kit.retry.RetryBackoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the consumer loop at start-up and stops it first at shutdown, after the batch in hand. */
@ApplicationScoped
public class EnricherConsumerLifecycle {
    /** Client ids (the Kafka client metrics' {@code client_id}). */
    public static final String CONSUMER_CLIENT_ID = "kafka-consumer-access-raw";
    public static final String PRODUCER_CLIENT_ID = "kafka-producer-access-enriched";
    private static final Logger LOG = Logger.getLogger(EnricherConsumerLifecycle.class);

    private EnrichLoop loop;
    private Thread thread;
    private KafkaClientMetrics consumerMetrics;
    private KafkaClientMetrics producerMetrics;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event,
            EnricherKafkaConfig config, ClassifierHolder classifiers, DeadLetterPublisher deadLetters,
            InstanceIdentity identity, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        String lz4 = NativeLz4.enable(); // before the first fetch: the raw topic's batches are lz4 (the gateway's)
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config, bootstrapServers));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(config, bootstrapServers));
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        RawRecordEnricher enricher = new RawRecordEnricher(classifiers::current, config.inputTopic(), config.outputTopic(),
                identity.eventSource());
        loop = new EnrichLoop(consumer, producer, config.inputTopic(), enricher, deadLetters::publish,
                new EnrichLoopMetrics(registry),
                new RetryBackoff(config.retryInitial(), config.retryMax(), ThreadLocalRandom.current()::nextDouble),
                Duration.ofSeconds(30));
        loop.onFailure(() -> Quarkus.asyncExit(70));
        thread = new Thread(loop, "enricher-consumer");
        thread.start();
        LOG.infof("enriching %s into %s as group %s, up to %d records per batch (lz4 implementation: %s)",
                config.inputTopic(), config.outputTopic(), config.groupId(), config.maxPollRecords(), lz4);
    }

    /** Why publishing is failing, while the loop retries a batch. */
    public Optional<String> failing() {
        return loop == null ? Optional.empty() : loop.failing();
    }

    /** First at shutdown: finish the batch in hand, commit, close the clients. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerMetrics.close();
        producerMetrics.close();
    }

    private static Map<String, Object> consumerProperties(EnricherKafkaConfig config, String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, CONSUMER_CLIENT_ID);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.maxPollInterval().toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private static Map<String, Object> producerProperties(EnricherKafkaConfig config, String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, PRODUCER_CLIENT_ID);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSize());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compressionType());
        int deliveryTimeout = (int) Math.min(Integer.MAX_VALUE, config.deliveryTimeout().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
