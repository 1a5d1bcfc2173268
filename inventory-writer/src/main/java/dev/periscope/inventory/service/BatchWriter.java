package dev.periscope.inventory.service;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.periscope.inventory.fencing.Fencing;

/** What the consumer loop needs from the inventory store side. */
public interface BatchWriter {
    /** Applies one polled batch; returns once it is acknowledged (or its records were dead-lettered). */
    void apply(List<ConsumerRecord<byte[], byte[]>> records, Fencing fencing);

    /** The highest offset of the partition any document has applied ({@code -1}: none). */
    long highestApplied(int partition);

    /** Partitions were assigned, revoked or lost: anything known about documents of other owners may be stale. */
    default void partitionsChanged() {
    }
}
