package dev.periscope.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import dev.periscope.model.Topics;
import dev.periscope.model.testing.ServiceProcess;
import dev.periscope.model.v1.AccessEvent;
import dev.periscope.traffic.AlsStream;
import dev.periscope.traffic.EnvoyAlsClient;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry;
import io.envoyproxy.envoy.data.accesslog.v3.HTTPAccessLogEntry.HTTPVersion;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;

/**
 * SIGTERM on the packaged gateway right after a burst: it stops accepting, drains its queue into Kafka and exits
 * within SHUTDOWN_TIMEOUT — every entry the client handed over is on the raw topic, nothing dropped at shutdown.
 */
class GatewayShutdownIT {
    private static final int GRPC_PORT = 19095;
    private static final int MANAGEMENT_PORT = 19096;
    private static final int ENTRIES = 6000;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void sigtermDrainsTheQueueIntoKafkaWithinTheShutdownTimeout() throws Exception {
        String project = "shutdown-it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", LocalServers.KAFKA);
        env.put("MONGO_URI", LocalServers.MONGO_URI);
        env.put("MONGO_DATABASE", "periscope_shutdown_it");
        env.put("HASH_SALT", "shutdown-it-" + UUID.randomUUID());
        env.put("PERISCOPE_INSTANCE_ID", project);
        env.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(GRPC_PORT));
        env.put("SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
        List<HTTPAccessLogEntry> entries = new ArrayList<>();
        IntStream.range(0, ENTRIES).forEach(i -> entries.add(AlsEntries.http(HTTPVersion.HTTP11, RequestMethod.GET,
                "api.acme.test", "/api/items/" + i, 200, "application/json")));
        List<AlsStream> streams = List.of(AlsEntries.stream("public-edge::" + project, entries, List.of(), 500));

        try (KafkaConsumer<byte[], byte[]> raw = rawTopicFromItsEnd()) {
            ServiceProcess gateway = ServiceProcess.start(RepoPaths.root().resolve("ingest-gateway"), "ingest-gateway",
                    RepoPaths.root().resolve("infra/pipeline-it/target/service-logs/ingest-gateway-shutdown-it.log"),
                    MANAGEMENT_PORT, env);
            try {
                await("gateway /readyz").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            if (!gateway.alive()) {
                                throw new AssertionError("gateway exited:\n" + gateway.logTail());
                            }
                            return gateway.ready();
                        });
                try (EnvoyAlsClient client = new EnvoyAlsClient("127.0.0.1", GRPC_PORT)) {
                    client.send(streams, Duration.ofSeconds(60));
                }

                Duration exit = gateway.terminate(SHUTDOWN_TIMEOUT.plusSeconds(5));

                assertThat(exit).as("exited after SIGTERM within SHUTDOWN_TIMEOUT (+5 s JVM start/stop slack); log:\n"
                        + gateway.logTail()).isNotNull();
            } finally {
                gateway.close();
            }
            assertThat(gateway.logLines()).as("the publisher's closing line")
                    .anyMatch(line -> line.contains("raw event publisher closed: 0 queued entries dropped at shutdown"));
            assertThat(countProject(raw, project)).as("every accepted entry reached the raw topic")
                    .isEqualTo(ENTRIES);
        }
    }

    private static KafkaConsumer<byte[], byte[]> rawTopicFromItsEnd() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.KAFKA);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "shutdown-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS_RAW, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(Topics.ACCESS_RAW, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static long countProject(KafkaConsumer<byte[], byte[]> consumer, String project) throws Exception {
        long count = 0;
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                quietSince = System.nanoTime();
                try {
                    if (AccessEvent.parseFrom(record.value()).getProjectId().equals(project)) {
                        count++;
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    // other tests put poison records on the shared topic on purpose
                }
            }
        }
        return count;
    }
}
