package dev.periscope.gateway.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.gateway.config.GatewayConfig;
import dev.periscope.gateway.messaging.RawEventPublisher;
import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/** Facts the readiness checklist reads about the gateway (TLS on the ALS port, limits, back-pressure policy). */
@ApplicationScoped
public class GatewayFacts implements HealthFactsContributor {
    private final GatewayConfig config;
    private final RawEventPublisher publisher;
    private final int grpcPort;

    public GatewayFacts(GatewayConfig config, RawEventPublisher publisher,
            @ConfigProperty(name = "quarkus.grpc.server.port", defaultValue = "9000") int grpcPort) {
        this.config = config;
        this.publisher = publisher;
        this.grpcPort = grpcPort;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        // TLS/mTLS on the ALS port arrives with issue 3; until then the checklist must see plaintext.
        facts.put("grpc.tls.enabled", fact(false));
        facts.put("grpc.port", fact(grpcPort));
        facts.put("gateway.max_query_params", fact(config.maxQueryParams()));
        facts.put("gateway.backpressure_policy", fact("drop_new"));
        facts.put("gateway.publisher.queue_capacity", fact(publisher.queueCapacity()));
        facts.put("kafka.producer.idempotent", fact(true));
        facts.put("kafka.producer.acks", fact("all"));
    }
}
