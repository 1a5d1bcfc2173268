package dev.periscope.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.periscope.readiness.checklist.ChecklistEvaluator;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.CounterWindow;
import dev.periscope.readiness.checklist.RuleLoader;
import dev.periscope.readiness.checklist.RuleSet;
import dev.periscope.readiness.checklist.RuleSource;
import dev.periscope.readiness.domain.InstanceView;

/**
 * One checklist evaluation (the readiness service does one every {@code evaluate-every}, default 5 s): the shipped
 * default rule pack, compiled CEL, over a fleet of instances reporting the facts and counters the services publish.
 * A few instances fail or lack facts so every status path (pass, warn, fail, unknown) is exercised.
 */
@State(Scope.Thread)
public class ReadinessChecklistBenchmark {
    private static final String[] SERVICES = {"ingest-gateway", "enricher", "inventory-writer", "event-writer",
            "readiness-service"};

    /** Instances per service: 3 is a small production deployment, 40 a large fleet (200 instances). */
    @Param({"3", "40"})
    public int instancesPerService;

    private RuleSet rules;
    private ChecklistEvaluator evaluator;
    private List<InstanceView> fleet;
    private Instant now;

    @Setup
    public void setUp() {
        now = Instant.parse("2026-12-01T10:00:00Z");
        rules = new RuleLoader().load(List.of(new RuleSource("default-pack.yaml", defaultPack())), List.of(), now);
        if (!rules.rejected().isEmpty()) {
            throw new IllegalStateException("default pack rejected rules: " + rules.rejected());
        }
        evaluator = new ChecklistEvaluator(Duration.ofSeconds(60), new CounterWindow(Duration.ofMinutes(15)));
        fleet = fleet(instancesPerService, now);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ChecklistReport evaluate() {
        now = now.plusSeconds(5);
        return evaluator.evaluate(rules, fleet, now);
    }

    static List<InstanceView> fleet(int perService, Instant now) {
        List<InstanceView> views = new ArrayList<>();
        for (String service : SERVICES) {
            for (int i = 0; i < perService; i++) {
                boolean odd = i % 7 == 3; // an unhealthy or half-configured instance now and then
                Map<String, Object> facts = new HashMap<>();
                facts.put("runtime.profile", odd ? "local" : "prod");
                facts.put("security.hash_salt.configured", true);
                facts.put("security.hash_salt.length", 48L);
                facts.put("security.hash_salt.fingerprint", "5fafa706");
                facts.put("memory.container_limited", true);
                facts.put("memory.heap_to_limit_percent", odd ? 95.0 : 60.0);
                facts.put("runtime_config.consecutive_failures", odd ? 2L : 0L);
                facts.put("kafka.bootstrap.loopback_only", false);
                facts.put("kafka.consumer.max_lag_records", odd ? 250_000L : 120L);
                facts.put("management.exposed_beyond_allowed", false);
                facts.put("store.mongodb.embedded", false);
                facts.put("store.mongodb.replica_set", true);
                facts.put("store.clickhouse.loopback", false);
                if (service.equals("ingest-gateway")) {
                    facts.put("grpc.tls.enabled", true);
                    facts.put("grpc.mtls.enabled", !odd);
                    facts.put("gateway.source_ip.private_percent", odd ? 99.0 : 12.0);
                }
                Map<String, Double> counters = new HashMap<>();
                counters.put("events.dropped.backpressure", odd ? 40.0 : 0.0);
                counters.put("dead_letters", 0.0);
                views.add(new InstanceView(service, service + "-" + i, "0.1.0", "UP", "",
                        List.of(new InstanceView.BackendView("kafka", "UP", "", now)), facts, counters,
                        now.minusSeconds(3600), now.minusSeconds(2), 2.0));
            }
        }
        return List.copyOf(views);
    }

    private static String defaultPack() {
        try (InputStream in = ReadinessChecklistBenchmark.class.getClassLoader()
                .getResourceAsStream("readiness/rules/default-pack.yaml")) {
            if (in == null) {
                throw new IllegalStateException("readiness/rules/default-pack.yaml is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
