package dev.periscope.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.periscope.gateway.service.IngestAccountant;
import dev.periscope.gateway.service.IngestAccounting;
import dev.periscope.gateway.service.IngestMetrics;
import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.HealthStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Kafka unreachable from the start (drop_new, queue of 50): the queue fills, further entries are counted
 * {@code backpressure}, Envoy is never held up, the publisher is not ready; once the broker is reachable the
 * retried and queued entries are published and the gateway is ready again by itself. The books balance throughout.
 */
@QuarkusTest
@TestProfile(KafkaOutageIT.KafkaDown.class)
class KafkaOutageIT {
    static final int QUEUE = 50;

    public static class KafkaDown implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaGate.class), new TestResourceEntry(FreeGrpcPort.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("periscope.gateway.publisher.queue-size", Integer.toString(QUEUE),
                    "periscope.gateway.publisher.max-block", "500ms",
                    "periscope.gateway.publisher.stall-threshold", "2s",
                    "periscope.gateway.publisher.retry-backoff-max", "500ms",
                    "periscope.gateway.grpc.max-connection-age", "30m");
        }
    }

    @Inject
    IngestMetrics metrics;

    @Inject
    IngestAccountant accountant;

    @Inject
    ServiceHealth health;

    @AfterAll
    static void closeGate() {
        KafkaGate.closeAll();
    }

    @Test
    void queueFillsDropsAreCountedNotReadyThenRecoversByItself() throws Exception {
        int port = ConfigProvider.getConfig().getValue(FreeGrpcPort.PROPERTY, Integer.class);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            String node = "edge::" + AccessEvents.uniqueProjectId("gw-outage");
            Status status = Als.await(Als.stream(channel, List.of(Als.http(node, 100, "/a"), Als.http(null, 100, "/b"))));
            assertThat(status.isOk()).as("drop_new never holds Envoy up").isTrue();

            IngestAccounting down = accountant.snapshot();
            assertThat(down.received()).isEqualTo(200);
            assertThat(down.published()).isZero();
            assertThat(down.dropped().getOrDefault("backpressure", 0L)).isPositive();
            assertThat(down.queued()).isBetween((long) QUEUE, QUEUE + 512L); // queue + one dispatch batch
            assertThat(down.unaccounted()).as("%s", down).isZero();

            await().atMost(Als.BOUND).untilAsserted(() -> {
                assertThat(publisherStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_DOWN);
                assertThat(health.ready()).isFalse();
            });

            KafkaGate.open(ConfigProvider.getConfig().getValue(KafkaGate.PORT_PROPERTY, Integer.class));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                IngestAccounting books = accountant.snapshot();
                assertThat(books.queued() + books.inFlight()).as("%s", books).isZero();
                assertThat(books.published()).isEqualTo(down.queued() + down.inFlight());
                assertThat(books.unaccounted()).as("%s", books).isZero();
            });
            assertThat(accountant.snapshot().dropped().getOrDefault("publish_failed", 0L)).isZero();
            await().atMost(Als.BOUND).untilAsserted(() -> {
                assertThat(publisherStatus()).isEqualTo(HealthStatus.HEALTH_STATUS_UP);
                assertThat(health.ready()).isTrue();
            });

            long published = metrics.publishedTotal();
            assertThat(Als.await(Als.stream(channel, List.of(Als.http(node, 5, "/after")))).isOk()).isTrue();
            await().atMost(Als.BOUND).untilAsserted(() -> assertThat(metrics.publishedTotal() - published)
                    .isEqualTo(5));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private HealthStatus publisherStatus() {
        return health.backends().stream().filter(b -> b.getName().equals("kafka-publisher")).findFirst()
                .map(b -> b.getStatus()).orElse(null); // null until the first probe ran
    }
}
