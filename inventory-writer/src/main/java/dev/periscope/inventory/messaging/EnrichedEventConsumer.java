package dev.periscope.inventory.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.periscope.inventory.service.InventoryWriteService;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * periscope.access.enriched.v1 in batches. The batch is acknowledged (its offsets become committable) only when
 * this method returns, i.e. after MongoDB acknowledged the bulk write; an exception nacks it.
 */
@ApplicationScoped
public class EnrichedEventConsumer {
    private final InventoryWriteService writer;

    public EnrichedEventConsumer(InventoryWriteService writer) {
        this.writer = writer;
    }

    @Incoming("access-enriched")
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        writer.apply(batch);
    }
}
