package dev.periscope.eventwriter.service;

/** One consumed Kafka record, as bytes: parsing happens in the processor so poison can be dead-lettered. */
public record IncomingRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
