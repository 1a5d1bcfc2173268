package dev.periscope.readiness.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.periscope.readiness.domain.InstanceView;

/** Each default rule against fixture facts: what passes, what fails or warns, what stays unknown. */
class DefaultPackTest {
    private static final RuleSet PACK = Fixtures.defaultPack();

    static Stream<Arguments> cases() {
        return Stream.of(
                row("security.als-tls", gateway(Map.of("grpc.tls.enabled", true)), ItemStatus.PASS),
                row("security.als-tls", gateway(Map.of("grpc.tls.enabled", false, "grpc.bind_address", "0.0.0.0",
                        "grpc.port", 9000L)), ItemStatus.FAIL),
                row("security.als-tls", gateway(Map.of()), ItemStatus.UNKNOWN),
                row("security.als-mtls", gateway(Map.of("grpc.mtls.enabled", false)), ItemStatus.WARN),
                row("security.als-mtls", gateway(Map.of("grpc.mtls.enabled", true)), ItemStatus.PASS),
                row("security.hash-salt-strong", gateway(Map.of("security.hash_salt.configured", true,
                        "security.hash_salt.length", 64L)), ItemStatus.PASS),
                row("security.hash-salt-strong", gateway(Map.of("security.hash_salt.configured", true,
                        "security.hash_salt.length", 20L)), ItemStatus.FAIL),
                row("security.hash-salt-strong", gateway(Map.of("security.hash_salt.configured", true)),
                        ItemStatus.UNKNOWN),
                row("ha.mongodb-not-embedded", List.of(Fixtures.instance("inventory-writer", "i1",
                        Map.of("store.mongodb.embedded", true))), ItemStatus.FAIL),
                row("ha.mongodb-not-embedded", List.of(Fixtures.instance("inventory-writer", "i1",
                        Map.of("store.mongodb.embedded", false))), ItemStatus.PASS),
                row("ha.mongodb-not-embedded", gateway(Map.of()), ItemStatus.UNKNOWN),
                row("ha.kafka-not-loopback", gateway(Map.of("kafka.bootstrap.loopback_only", true)), ItemStatus.FAIL),
                row("ha.heap-below-limit", gateway(Map.of("memory.container_limited", false)), ItemStatus.PASS),
                row("ha.heap-below-limit", gateway(Map.of("memory.container_limited", true,
                        "memory.heap_to_limit_percent", 75L)), ItemStatus.PASS),
                row("ha.heap-below-limit", gateway(Map.of("memory.container_limited", true,
                        "memory.heap_to_limit_percent", 95L)), ItemStatus.FAIL),
                row("ha.heap-below-limit", gateway(Map.of("memory.container_limited", true)), ItemStatus.UNKNOWN),
                row("observability.config-reload", gateway(Map.of("runtime_config.consecutive_failures", 0L)),
                        ItemStatus.PASS),
                row("observability.config-reload", gateway(Map.of("runtime_config.consecutive_failures", 3L)),
                        ItemStatus.FAIL),
                row("pipeline.sinks-healthy", gateway(Map.of()), ItemStatus.PASS),
                row("pipeline.sinks-healthy", List.of(Fixtures.withBackend(Fixtures.instance("event-writer", "e1",
                        Map.of()), "clickhouse", "DOWN")), ItemStatus.FAIL),
                row("pipeline.no-backpressure-drops", List.of(Fixtures.instance("ingest-gateway", "g1", Map.of(),
                        Map.of("events.dropped{reason=backpressure}", 0.0, "events.dropped{reason=drop_old}", 0.0),
                        2)), ItemStatus.PASS),
                row("pipeline.no-backpressure-drops", List.of(Fixtures.instance("ingest-gateway", "g1", Map.of(),
                        Map.of("events.dropped{reason=backpressure}", 12.0, "events.dropped{reason=drop_old}", 0.0),
                        2)), ItemStatus.FAIL),
                row("pipeline.no-backpressure-drops", gateway(Map.of()), ItemStatus.UNKNOWN),
                row("pipeline.no-dlq-growth", List.of(Fixtures.instance("enricher", "n1", Map.of(),
                        Map.of("dead_letters{source=periscope.raw}", 4.0), 2)), ItemStatus.FAIL),
                row("pipeline.no-dlq-growth", List.of(Fixtures.instance("enricher", "n1", Map.of(),
                        Map.of("events.received", 4.0), 2)), ItemStatus.PASS),
                row("security.hash-salt-consistent", List.of(
                        Fixtures.instance("enricher", "n1", Map.of("security.hash_salt.fingerprint", "aa")),
                        Fixtures.instance("ingest-gateway", "g1", Map.of("security.hash_salt.fingerprint", "aa"))),
                        ItemStatus.PASS),
                row("security.hash-salt-consistent", List.of(
                        Fixtures.instance("enricher", "n1", Map.of("security.hash_salt.fingerprint", "aa")),
                        Fixtures.instance("ingest-gateway", "g1", Map.of("security.hash_salt.fingerprint", "bb"))),
                        ItemStatus.FAIL),
                row("ha.two-instances", List.of(Fixtures.instance("enricher", "n1", Map.of()),
                        Fixtures.instance("enricher", "n2", Map.of())), ItemStatus.PASS),
                row("ha.two-instances", List.of(Fixtures.instance("enricher", "n1", Map.of()),
                        Fixtures.instance("enricher", "n2", Map.of()),
                        Fixtures.instance("event-writer", "e1", Map.of())), ItemStatus.FAIL),
                // a stale report is not evidence: the instance rule is unknown, never a pass
                row("security.als-tls", List.of(Fixtures.instance("ingest-gateway", "g1",
                        Map.of("grpc.tls.enabled", true), Map.of(), 300)), ItemStatus.UNKNOWN),
                // nobody reports at all
                row("observability.config-reload", List.of(), ItemStatus.UNKNOWN),
                // facts nobody publishes yet
                row("security.production-profile", gateway(Map.of()), ItemStatus.UNKNOWN),
                row("ha.restore-drill-passed", gateway(Map.of()), ItemStatus.UNKNOWN));
    }

    private static Arguments row(String rule, List<InstanceView> instances, ItemStatus expected) {
        return Arguments.of(rule, instances, expected);
    }

    private static List<InstanceView> gateway(Map<String, Object> facts) {
        return List.of(Fixtures.instance("ingest-gateway", "g1", facts));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("cases")
    void ruleStatusFollowsTheFacts(String rule, List<InstanceView> instances, ItemStatus expected) {
        ChecklistEvaluator evaluator = new ChecklistEvaluator(Duration.ofSeconds(60),
                new CounterWindow(Duration.ofMinutes(15)));

        ChecklistItem item = evaluator.evaluate(PACK, instances, Fixtures.NOW).item(rule).orElseThrow();

        assertThat(item.status()).as("%s evidence %s", rule, item.evidence()).isEqualTo(expected);
        assertThat(item.evidence()).isNotEmpty();
    }
}
