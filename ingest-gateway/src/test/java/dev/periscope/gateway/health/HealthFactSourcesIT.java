package dev.periscope.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.periscope.kit.health.KafkaConsumerLag;
import dev.periscope.kit.health.MongoTopology;

/**
 * The sources of service-kit's store and consumer facts against the real local servers: the MongoDB-API server
 * answers the topology question (a standalone stand-in, so not a replica set), and a real Kafka consumer's lag shows
 * up in what {@link KafkaConsumerLag} reads from JMX, shrinking to zero as it catches up.
 */
class HealthFactSourcesIT {
    private static final String KAFKA = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final String MONGO = System.getenv().getOrDefault("MONGO_URI", "mongodb://127.0.0.1:27017");
    private static final int RECORDS = 200;

    @Test
    void mongoDbAnswersTheTopologyQuestion() {
        try (MongoClient client = MongoClients.create(MONGO)) {
            MongoTopology topology = MongoTopology.ask(client.getDatabase("admin")
                    .withTimeout(5, TimeUnit.SECONDS));

            if (System.getenv("MONGO_URI") == null) { // the local stand-in is a single server
                assertThat(topology.kind()).isEqualTo(MongoTopology.STANDALONE);
                assertThat(topology.replicaSet()).isFalse();
            } else {
                assertThat(topology.replicaSet()).isEqualTo(!topology.setName().isEmpty());
            }
        }
    }

    @Test
    void aRealConsumersLagIsReadFromItsMetricsAndFallsToZero() throws Exception {
        String topic = "periscope.it.consumer-lag." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                produce(topic);
                KafkaConsumerLag lag = new KafkaConsumerLag(ManagementFactory.getPlatformMBeanServer());
                List<Long> seen = new ArrayList<>();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
                    TopicPartition partition = new TopicPartition(topic, 0);
                    consumer.assign(List.of(partition));
                    consumer.seekToBeginning(List.of(partition));
                    int[] consumed = {0};
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        consumed[0] += consumer.poll(Duration.ofMillis(200)).count();
                        lag.maxRecordsLag().ifPresent(seen::add);
                        return consumed[0] == RECORDS && lag.maxRecordsLag().equals(OptionalLong.of(0));
                    });
                }
                assertThat(seen).as("lags seen while catching up").anyMatch(l -> l > 0);
                assertThat(seen).allMatch(l -> l <= RECORDS);
                assertThat(lag.maxRecordsLag()).as("closed consumer's metrics are gone").isEmpty();
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void produce(String topic) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    /** Small polls and small fetches, so the consumer is behind for several polls. */
    private static Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "consumer-lag-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }
}
