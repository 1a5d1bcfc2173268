package dev.periscope.eventwriter.config;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.clickhouse.client.api.Client;

import dev.periscope.eventwriter.batch.BatchBudget;
import dev.periscope.eventwriter.mapping.StoragePolicy;
import dev.periscope.eventwriter.service.EventBatchProcessor;
import dev.periscope.eventwriter.writer.AccessEventWriter;
import dev.periscope.eventwriter.writer.ClickHouseEndpoint;
import dev.periscope.eventwriter.writer.ClickHouseEventsRawWriter;
import dev.periscope.eventwriter.writer.ClickHouseSchema;
import dev.periscope.eventwriter.writer.MeteredEventWriter;
import dev.periscope.eventwriter.writer.WriteStatus;
import dev.periscope.kit.messaging.DeadLetterPublisher;
import dev.periscope.kit.retry.RetryBackoff;
import dev.periscope.kit.runtimeconfig.RuntimeConfigHolder;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Assembles the write path in one place: ClickHouse client → schema → ClickHouse writer → metrics decorator →
 * batch processor (retry, dead letters, sampling). The consumer loop is started by {@code EventWriterLifecycle}.
 */
@ApplicationScoped
public class EventWriterProducers {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Produces
    @Singleton
    ClickHouseEndpoint endpoint(EventWriterConfig config) {
        EventWriterConfig.ClickHouse ch = config.clickhouse();
        if (!IDENTIFIER.matcher(ch.database()).matches()) {
            throw new IllegalArgumentException("CLICKHOUSE_DATABASE must be a plain identifier: " + ch.database());
        }
        if (ch.retentionDays() < 1) {
            throw new IllegalArgumentException("RETENTION_DAYS must be >= 1, got " + ch.retentionDays());
        }
        return ClickHouseEndpoint.of(ch.uri(), ch.username(), ch.password());
    }

    @Produces
    @Singleton
    BatchBudget batchBudget(EventWriterConfig config) {
        EventWriterConfig.Batch batch = config.batch();
        return new BatchBudget(batch.maxSize(), batch.maxBytes(), batch.flushInterval(), batch.queueSize(),
                BatchBudget.resolveShards(batch.shards(), Runtime.getRuntime().availableProcessors()),
                batch.shutdownDrainTimeout());
    }

    @Produces
    @Singleton
    Client clickHouseClient(ClickHouseEndpoint endpoint, EventWriterConfig config, BatchBudget budget) {
        EventWriterConfig.ClickHouse ch = config.clickhouse();
        return new Client.Builder()
                .addEndpoint(endpoint.url())
                .setUsername(endpoint.username())
                .setPassword(endpoint.password())
                .setDefaultDatabase("default")
                .compressServerResponse(ch.compressServerResponse())
                .compressClientRequest(ch.compressClientRequest())
                .setConnectTimeout(ch.connectTimeout().toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(ch.writeTimeout().toMillis(), ChronoUnit.MILLIS)
                // one insert per shard at a time, plus the health probe and schema statements
                .setMaxConnections(budget.shards() + 2)
                // our own loop retries with back-off; the client's retry would only multiply the wait
                .setMaxRetries(0)
                .setClientName("periscope-event-writer")
                .build();
    }

    void closeClient(@Disposes Client client) {
        client.close();
    }

    @Produces
    @Singleton
    WriteStatus writeStatus() {
        return new WriteStatus();
    }

    @Produces
    @Singleton
    ClickHouseSchema schema(Client client, EventWriterConfig config) {
        return new ClickHouseSchema(client, config.clickhouse().database(), config.clickhouse().retentionDays(),
                config.clickhouse().writeTimeout());
    }

    @Produces
    @Singleton
    AccessEventWriter writer(Client client, ClickHouseSchema schema, EventWriterConfig config, WriteStatus status,
            RuntimeConfigHolder runtimeConfig, MeterRegistry registry) {
        AccessEventWriter clickhouse = new ClickHouseEventsRawWriter(client, schema, config.clickhouse().database(),
                config.clickhouse().writeTimeout(), status,
                () -> StoragePolicy.of(runtimeConfig.current().policy()), Clock.systemUTC());
        return new MeteredEventWriter(clickhouse, registry);
    }

    @Produces
    @Singleton
    EventBatchProcessor processor(AccessEventWriter writer, DeadLetterPublisher publisher, EventWriterConfig config,
            RuntimeConfigHolder runtimeConfig, MeterRegistry registry) {
        EventBatchProcessor.DeadLetters deadLetters = (record, error, attempts) -> publisher.publish(
                new DeadLetterPublisher.DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                        record.value(), error, attempts));
        RetryBackoff backoff = new RetryBackoff(config.retry().initialBackoff(), config.retry().maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        return new EventBatchProcessor(writer, deadLetters, backoff, config.retry().deadLetterTimeout(), registry,
                () -> runtimeConfig.current().policy().rawSampleRate());
    }
}
