package dev.periscope.readiness.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the timestamp of the record at given offsets with one short-lived consumer: per round, every partition with
 * an offset still to read is assigned and positioned on it, and polled until each has returned its first record
 * there (at the offset, or the next one when compaction or a transaction marker took its place) or the time is up.
 * Offsets with no answer stay null.
 */
final class RecordTimestamps {
    private final Map<String, Object> clientProperties;
    private final Duration timeout;

    RecordTimestamps(Map<String, Object> clientProperties, Duration timeout) {
        this.clientProperties = clientProperties;
        this.timeout = timeout;
    }

    /** @param wanted per partition, offset → timestamp (null in, filled out) */
    void read(Map<TopicPartition, Map<Long, Long>> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaDrReader.consumerProperties(clientProperties))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> round = new HashMap<>();
                wanted.forEach((tp, offsets) -> offsets.entrySet().stream().filter(e -> e.getValue() == null)
                        .findFirst().ifPresent(e -> round.put(tp, e.getKey())));
                if (round.isEmpty()) {
                    return;
                }
                consumer.assign(round.keySet());
                round.forEach(consumer::seek);
                consumer.resume(round.keySet()); // paused in an earlier round
                List<TopicPartition> open = new ArrayList<>(round.keySet());
                while (!open.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        Long offset = round.get(tp);
                        if (open.contains(tp) && offset != null && record.offset() >= offset) {
                            wanted.get(tp).put(offset, record.timestamp());
                            open.remove(tp);
                            consumer.pause(List.of(tp));
                        }
                    }
                }
                if (!open.isEmpty()) {
                    return; // out of time
                }
            }
        }
    }
}
