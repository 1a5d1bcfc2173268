package dev.periscope.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.periscope.gateway.it.FreeGrpcPort;
import dev.periscope.kit.health.BackendGauges;
import dev.periscope.kit.health.ServiceHealth;
import dev.periscope.model.v1.FactValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The new health facts in the running gateway's HealthReport (against the real Kafka broker and MongoDB-API server):
 * management exposure judged against the configured allow-list, MongoDB topology, the source-IP window, and the
 * backend gauges Prometheus alerts on.
 */
@QuarkusTest
@QuarkusTestResource(FreeGrpcPort.class)
@TestProfile(GatewayHealthFactsProfile.class)
class GatewayHealthFactsIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Inject
    ServiceHealth health;

    @Inject
    MeterRegistry registry;

    @Test
    void managementPortJudgedAgainstTheConfiguredAllowList() {
        Map<String, FactValue> facts = health.report().getFactsMap();

        assertThat(facts.get("management.bind_address").getStringValue()).isEqualTo("0.0.0.0");
        assertThat(facts.get("management.allowed_cidrs").getStringValue()).isEqualTo("0.0.0.0/0,0:0:0:0:0:0:0:0/0");
        assertThat(facts.get("management.allowed_cidrs_invalid").getStringValue()).isEqualTo("lan");
        assertThat(facts.get("management.exposed_addresses").getStringValue()).isEmpty();
        assertThat(facts.get("management.exposed_beyond_allowed").getBoolValue()).isFalse();
    }

    @Test
    void mongoDbTopologyComesFromHello() {
        await().atMost(BOUND).until(() -> health.report().getFactsMap().containsKey("store.mongodb.replica_set"));
        Map<String, FactValue> facts = health.report().getFactsMap();

        if (System.getenv("MONGO_URI") == null) { // the local MongoDB-API stand-in is a single server
            assertThat(facts.get("store.mongodb.replica_set").getBoolValue()).isFalse();
            assertThat(facts.get("store.mongodb.topology").getStringValue()).isEqualTo("standalone");
        }
        assertThat(facts.get("store.mongodb.replica_set").getBoolValue())
                .isEqualTo(!facts.get("store.mongodb.replica_set_name").getStringValue().isEmpty());
    }

    @Test
    void sourceIpWindowIsReported() {
        Map<String, FactValue> facts = health.report().getFactsMap();

        assertThat(facts.get("gateway.source_ip.window_seconds").getIntValue()).isEqualTo(300);
        assertThat(facts).containsKey("gateway.source_ip.window_entries");
    }

    @Test
    void everyProbedBackendHasAnUpGauge() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(health.ready()).isTrue());
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(registry.get(BackendGauges.NAME).tag("backend", "kafka").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get(BackendGauges.NAME).tag("backend", "kafka-publisher").gauge().value())
                    .isEqualTo(1.0);
        });
    }
}
