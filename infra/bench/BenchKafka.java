import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka helpers for infra/bench/gateway.sh, run with the local broker's classpath (single-file source launch):
 *
 * <pre>
 *   BenchKafka create-topic BOOTSTRAP TOPIC PARTITIONS   (retention 1 h; an existing topic is fine)
 *   BenchKafka delete-topic BOOTSTRAP TOPIC              (a missing topic is fine)
 *   BenchKafka sample-payload BOOTSTRAP TOPIC SINCE_EPOCH_MS COUNT OUT_FILE
 * </pre>
 *
 * sample-payload reads up to COUNT records written to TOPIC since SINCE_EPOCH_MS (the gateway's own output of this
 * run) and writes one ProducerPerformance payload per line. ProducerPerformance reads its payload file as UTF-8 text
 * split on newlines, so a record cannot go in verbatim: each payload has exactly the record's size (value + key +
 * header names and values, so the broker moves as many bytes as for the gateway's records) and its bytes with the top
 * bit cleared and '\n' turned into '\u000b' — protobuf's strings are ASCII here, so the compressibility stays that of
 * the real records. It prints "records=N mean_value_bytes=V mean_record_bytes=R".
 */
public final class BenchKafka {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage();
        }
        switch (args[0]) {
            case "create-topic" -> createTopic(args[1], args[2], Integer.parseInt(args[3]));
            case "delete-topic" -> deleteTopic(args[1], args[2]);
            case "sample-payload" -> samplePayload(args[1], args[2], Long.parseLong(args[3]), Integer.parseInt(args[4]),
                    Path.of(args[5]));
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: BenchKafka create-topic|delete-topic|sample-payload BOOTSTRAP TOPIC ...");
        System.exit(2);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "3600000")))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void deleteTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    private static void samplePayload(String bootstrap, String topic, long since, int count, Path out)
            throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long valueBytes = 0;
        long recordBytes = 0;
        int written = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
                OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp o = offsets.get(tp);
                consumer.seek(tp, o == null ? ends.get(tp) : o.offset());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (written < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (written >= count || record.value() == null) {
                        continue;
                    }
                    byte[] payload = payload(record);
                    file.write(payload);
                    file.write('\n');
                    valueBytes += record.value().length;
                    recordBytes += payload.length;
                    written++;
                }
                if (consumer.assignment().stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                    break;
                }
            }
        }
        if (written == 0) {
            System.err.println("no records in " + topic + " since " + since);
            System.exit(1);
        }
        System.out.printf("records=%d mean_value_bytes=%d mean_record_bytes=%d%n", written, valueBytes / written,
                recordBytes / written);
    }

    private static byte[] payload(ConsumerRecord<byte[], byte[]> record) {
        int size = record.value().length + (record.key() == null ? 0 : record.key().length);
        for (Header h : record.headers()) {
            size += h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + (h.value() == null ? 0 : h.value().length);
        }
        byte[] out = new byte[size];
        int at = 0;
        System.arraycopy(record.value(), 0, out, at, record.value().length);
        at += record.value().length;
        if (record.key() != null) {
            System.arraycopy(record.key(), 0, out, at, record.key().length);
            at += record.key().length;
        }
        for (Header h : record.headers()) {
            byte[] k = h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            System.arraycopy(k, 0, out, at, k.length);
            at += k.length;
            if (h.value() != null) {
                System.arraycopy(h.value(), 0, out, at, h.value().length);
                at += h.value().length;
            }
        }
        for (int i = 0; i < out.length; i++) {
            byte b = (byte) (out[i] & 0x7f);
            out[i] = b == '\n' ? 0x0b : b;
        }
        return out;
    }

    private BenchKafka() {
    }
}
