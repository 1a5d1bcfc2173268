import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.periscope.gateway.als.slim.StreamAccessLogsMessage;
import dev.periscope.gateway.mapping.Utf8Repair;
import dev.periscope.traffic.bench.BareAlsServer;

/**
 * The gateway benchmark's forwarding floor: the least any ALS-to-Kafka gateway that publishes one record per entry
 * does on this machine. Each ALS message is parsed by the gateway's own parser ({@code Utf8Repair}: the slim
 * messages, only the fields the gateway maps) on {@code BareAlsServer}'s event loops, and every entry becomes one
 * Kafka record sent as {@code ProducerPerformance} sends it in the Kafka ceiling (the same payloads sampled from the
 * gateway's own records of the run, the same producer settings), straight from the event loop: no mapping, no
 * privacy, no filter, no queue, no serialization. Entries acknowledged by the broker are reported as published.
 * <p>
 * Compiled and run by {@code infra/bench/gateway.sh} against the gateway's jar, the traffic generator's jar and the
 * broker's classpath:
 * {@code ForwardingFloor --port P --metrics-port M --bootstrap B --topic T --payload FILE --acks all --compression lz4
 * --linger-ms 5 --batch-size 65536}
 */
public final class ForwardingFloor implements BareAlsServer.Forward {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final byte[][] payloads;
    private final LongAdder published = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Callback acknowledged = (metadata, failure) -> {
        if (failure == null) {
            published.increment();
        } else {
            failed.increment();
        }
    };
    private int next;

    ForwardingFloor(KafkaProducer<byte[], byte[]> producer, String topic, byte[][] payloads) {
        this.producer = producer;
        this.topic = topic;
        this.payloads = payloads;
    }

    @Override
    public int accept(byte[] bytes) throws InvalidProtocolBufferException {
        StreamAccessLogsMessage message = Utf8Repair.parseStreamAccessLogsMessage(bytes);
        int entries = message.getHttpLogs().getLogEntryCount() + message.getTcpLogs().getLogEntryCount();
        for (int i = 0; i < entries; i++) {
            // a racy cursor is fine: it only picks which sampled payload goes next
            int pick = (next++ & Integer.MAX_VALUE) % payloads.length;
            producer.send(new ProducerRecord<>(topic, payloads[pick]), acknowledged);
        }
        return entries;
    }

    @Override
    public long published() {
        return published.sum();
    }

    @Override
    public long failed() {
        return failed.sum();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--port", "--metrics-port", "--bootstrap", "--topic", "--payload")) {
            if (!options.containsKey(required)) {
                System.err.println("usage: ForwardingFloor --port P --metrics-port M --bootstrap B --topic T "
                        + "--payload FILE [--acks all] [--compression lz4] [--linger-ms 5] [--batch-size 65536]");
                System.exit(2);
            }
        }
        byte[][] payloads = Files.readAllLines(Path.of(options.get("--payload")), StandardCharsets.UTF_8).stream()
                .map(line -> line.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("--bootstrap"));
        props.put(ProducerConfig.ACKS_CONFIG, options.getOrDefault("--acks", "all"));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, options.getOrDefault("--compression", "lz4"));
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.parseInt(options.getOrDefault("--linger-ms", "5")));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.parseInt(options.getOrDefault("--batch-size", "65536")));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
        ForwardingFloor floor = new ForwardingFloor(producer, options.get("--topic"), payloads);
        BareAlsServer server = new BareAlsServer("127.0.0.1", Integer.parseInt(options.get("--port")),
                Integer.parseInt(options.get("--metrics-port")), floor);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            producer.close();
        }, "forwarding-floor-shutdown"));
        System.out.printf("forwarding floor: grpc %d, %d payloads (mean %d B), topic %s, %s%n", server.port(),
                payloads.length, java.util.Arrays.stream(payloads).mapToInt(p -> p.length).sum() / payloads.length,
                options.get("--topic"), props);
        server.awaitTermination();
    }
}
