package dev.periscope.gateway.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.gateway.config.GatewayConfig;
import dev.periscope.gateway.grpc.GrpcTls;
import dev.periscope.gateway.messaging.RawEventPublisher;
import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/**
 * Facts the readiness checklist reads about the gateway: transport security and bind address of the ALS port, the
 * limits in force, back-pressure state and how many recent downstream addresses are private (hash-salt and memory
 * facts come from service-kit for every service).
 * Drops by reason travel as counters in the same report.
 */
@ApplicationScoped
public class GatewayFacts implements HealthFactsContributor {
    private final GatewayConfig config;
    private final RawEventPublisher publisher;
    private final String grpcHost;
    private final int grpcPort;
    private final GrpcTls.Mode tls;
    private final SourceIpMix sourceIps;

    public GatewayFacts(GatewayConfig config, RawEventPublisher publisher, SourceIpMix sourceIps,
            @ConfigProperty(name = "quarkus.grpc.server.host", defaultValue = "0.0.0.0") String grpcHost,
            @ConfigProperty(name = "quarkus.grpc.server.port", defaultValue = "9000") int grpcPort) {
        this.config = config;
        this.publisher = publisher;
        this.grpcHost = grpcHost;
        this.grpcPort = grpcPort;
        this.tls = GrpcTls.mode(config.grpc().tls());
        this.sourceIps = sourceIps;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        GatewayConfig.Grpc grpc = config.grpc();
        facts.put("grpc.tls.enabled", fact(tls != GrpcTls.Mode.PLAINTEXT));
        facts.put("grpc.mtls.enabled", fact(tls == GrpcTls.Mode.MTLS));
        facts.put("grpc.bind_address", fact(grpcHost));
        facts.put("grpc.bind_loopback_only", fact(isLoopback(grpcHost)));
        facts.put("grpc.port", fact(grpcPort));
        facts.put("grpc.max_recv_msg_size", fact(grpc.maxRecvMsgSize()));
        facts.put("grpc.max_concurrent_streams", fact(grpc.maxConcurrentStreams()));
        facts.put("grpc.max_connection_age_seconds", fact(grpc.maxConnectionAge().toSeconds()));
        facts.put("grpc.max_connection_age_grace_seconds", fact(grpc.maxConnectionAgeGrace().toSeconds()));
        facts.put("grpc.max_connection_idle_seconds", fact(grpc.maxConnectionIdle().toSeconds()));
        facts.put("grpc.permit_keep_alive_time_seconds", fact(grpc.permitKeepAliveTime().toSeconds()));
        facts.put("gateway.backpressure_policy", fact(publisher.policy().configName()));
        facts.put("gateway.publisher.queue_capacity", fact(publisher.queueCapacity()));
        facts.put("gateway.publisher.queue_depth", fact(publisher.queueDepth()));
        facts.put("gateway.shutdown_timeout_seconds", fact(config.shutdownTimeout().toSeconds()));
        facts.put("gateway.shutdown_drain_timeout_seconds", fact(config.publisher().drainTimeout().toSeconds()));
        facts.put("kafka.producer.idempotent", fact(true));
        facts.put("kafka.producer.acks", fact("all"));
        facts.put("kafka.producer.compression", fact(config.publisher().compression()));
        sourceIpFacts(sourceIps, facts);
    }

    /** No share without traffic in the window: the checklist then says unknown, not "looks real". */
    static void sourceIpFacts(SourceIpMix sourceIps, Map<String, FactValue> facts) {
        SourceIpMix.Snapshot window = sourceIps.snapshot();
        facts.put("gateway.source_ip.window_seconds", fact(sourceIps.window().toSeconds()));
        facts.put("gateway.source_ip.window_entries", fact(window.entries()));
        if (window.entries() > 0) {
            facts.put("gateway.source_ip.private_percent", fact(window.privatePercent()));
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
