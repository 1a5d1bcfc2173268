package dev.periscope.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.periscope.gateway.service.IngestAccountant;
import dev.periscope.gateway.service.IngestAccounting;
import dev.periscope.model.testing.AccessEvents;
import io.envoyproxy.envoy.service.accesslog.v3.StreamAccessLogsMessage;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code BATCH_BACKPRESSURE_POLICY=block} with Kafka unreachable: the full queue stops the gRPC stream through flow
 * control (the gateway stops reading it, no thread blocks, nothing is dropped); once the broker is reachable the
 * stream continues and every entry is published.
 */
@QuarkusTest
@TestProfile(BlockPolicyIT.BlockWhileKafkaDown.class)
class BlockPolicyIT {

    public static class BlockWhileKafkaDown implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaGate.class), new TestResourceEntry(FreeGrpcPort.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("periscope.gateway.publisher.queue-size", "50",
                    "periscope.gateway.publisher.backpressure-policy", "block",
                    "periscope.gateway.publisher.max-block", "500ms",
                    "periscope.gateway.publisher.retry-backoff-max", "500ms",
                    "periscope.gateway.grpc.max-connection-age", "30m");
        }
    }

    @Inject
    IngestAccountant accountant;

    @Inject
    MeterRegistry registry;

    @AfterAll
    static void closeGate() {
        KafkaGate.closeAll();
    }

    @Test
    void fullQueueSlowsTheStreamInsteadOfDroppingAndItResumesWhenKafkaIsBack() throws Exception {
        int port = ConfigProvider.getConfig().getValue(FreeGrpcPort.PROPERTY, Integer.class);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            String node = "edge::" + AccessEvents.uniqueProjectId("gw-block");
            List<StreamAccessLogsMessage> messages = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                messages.add(Als.http(i == 0 ? node : null, 10, "/block/" + i));
            }
            CompletableFuture<Status> done = Als.stream(channel, messages);

            await().atMost(Als.BOUND).untilAsserted(() -> assertThat(
                    registry.get("periscope.publisher.blocked.streams").gauge().value()).isEqualTo(1));
            IngestAccounting blocked = accountant.snapshot();
            assertThat(blocked.received()).isLessThan(400); // the rest waits in Envoy (here: the client) and TCP
            assertThat(blocked.droppedTotal()).as("%s", blocked).isZero();
            assertThat(blocked.unaccounted()).as("%s", blocked).isZero();
            assertThat(done).isNotDone();

            KafkaGate.open(ConfigProvider.getConfig().getValue(KafkaGate.PORT_PROPERTY, Integer.class));

            assertThat(Als.await(done).isOk()).isTrue();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                IngestAccounting books = accountant.snapshot();
                assertThat(books.published()).as("%s", books).isEqualTo(400);
                assertThat(books.droppedTotal()).as("%s", books).isZero();
                assertThat(books.unaccounted()).as("%s", books).isZero();
            });
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
