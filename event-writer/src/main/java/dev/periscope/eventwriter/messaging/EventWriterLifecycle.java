package dev.periscope.eventwriter.messaging;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.periscope.eventwriter.batch.BatchBudget;
import dev.periscope.eventwriter.batch.BatchPolicy;
import dev.periscope.eventwriter.config.EventWriterConfig;
import dev.periscope.eventwriter.service.EventBatchProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts the consumer loop after the schema step and stops it first at shutdown, waiting for its drain. */
@ApplicationScoped
public class EventWriterLifecycle {
    private static final Logger LOG = Logger.getLogger(EventWriterLifecycle.class);

    private EnrichedEventLoop loop;
    private Thread thread;
    private ExecutorService workers;
    private BatchBudget budget;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 100) StartupEvent event,
            EventWriterConfig config, BatchBudget budget, EventBatchProcessor processor, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.budget = budget;
        EventWriterConfig.Kafka kafka = config.kafka();
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, "event-writer-" + ProcessHandle.current().pid(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(kafka.maxPollRecords(), budget.rowsPerShard()),
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, kafka.fetchMinBytes(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) kafka.fetchMaxWait().toMillis(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        kafka.groupInstanceId().filter(id -> !id.isBlank())
                .ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        AtomicInteger workerIds = new AtomicInteger();
        workers = Executors.newFixedThreadPool(budget.shards(), r -> {
            Thread t = new Thread(r, "event-writer-shard-" + workerIds.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        loop = new EnrichedEventLoop(new KafkaConsumer<>(props), kafka.topic(), processor, budget,
                BatchPolicy.perShard(budget, Clock.systemUTC()), workers, registry);
        loop.onFailure(() -> Quarkus.asyncExit(70));
        thread = new Thread(loop, "event-writer-consumer");
        thread.start();
        LOG.infof("consuming %s as group %s: %d shards, %d rows / %d bytes per shard, flush every %s",
                kafka.topic(), kafka.groupId(), budget.shards(), budget.rowsPerShard(), budget.bytesPerShard(),
                budget.flushInterval());
    }

    /** First at shutdown: stop polling, drain within BATCH_SHUTDOWN_DRAIN_TIMEOUT, commit, close. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        if (loop == null) {
            return;
        }
        loop.stop();
        try {
            long drain = budget.shutdownDrainTimeout().isZero() ? 0 : budget.shutdownDrainTimeout().toMillis() + 10_000;
            thread.join(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
