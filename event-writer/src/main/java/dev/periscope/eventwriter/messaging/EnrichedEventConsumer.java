package dev.periscope.eventwriter.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.periscope.eventwriter.service.EventBatchProcessor;
import dev.periscope.eventwriter.service.IncomingRecord;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * periscope.access.enriched.v1 in polled batches. The batch is acknowledged (and its offsets committed by the
 * throttled strategy) only after every record is stored or dead-lettered.
 */
@ApplicationScoped
public class EnrichedEventConsumer {
    private final EventBatchProcessor processor;

    public EnrichedEventConsumer(EventBatchProcessor processor) {
        this.processor = processor;
    }

    @Incoming("enriched-events")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<byte[], byte[]> batch) {
        List<IncomingRecord> records = new ArrayList<>(batch.getPayload().size());
        for (KafkaRecord<byte[], byte[]> record : batch.getRecords()) {
            long offset = record.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(IncomingKafkaRecordMetadata::getOffset)
                    .orElseThrow(() -> new IllegalStateException("record without Kafka metadata"));
            records.add(new IncomingRecord(record.getTopic(), record.getPartition(), offset, record.getKey(),
                    record.getPayload()));
        }
        try {
            processor.process(records);
        } catch (EventBatchProcessor.StoppedException stopping) {
            // shutting down while ClickHouse is away: neither ack nor nack, so nothing is committed and the
            // records are consumed again after the restart (same offsets, same deduplication tokens)
            return CompletableFuture.completedFuture(null);
        }
        return batch.ack();
    }

    /** First thing at shutdown: end a back-off wait so the connector can close. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        processor.stop();
    }
}
