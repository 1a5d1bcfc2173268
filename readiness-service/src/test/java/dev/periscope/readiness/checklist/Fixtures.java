package dev.periscope.readiness.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.periscope.readiness.domain.InstanceView;

/** Instance views with fixture facts, and rule files as text. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private Fixtures() {
    }

    static InstanceView instance(String service, String id, Map<String, Object> facts) {
        return instance(service, id, facts, Map.of(), 2.0);
    }

    static InstanceView instance(String service, String id, Map<String, Object> facts, Map<String, Double> counters,
            double ageSeconds) {
        return new InstanceView(service, id, "1.0", "UP", "", List.of(new InstanceView.BackendView("kafka", "UP",
                "", NOW)), new HashMap<>(facts), new HashMap<>(counters), NOW.minusSeconds(3600),
                NOW.minusMillis(Math.round(ageSeconds * 1000)), ageSeconds);
    }

    static InstanceView withBackend(InstanceView view, String name, String status) {
        List<InstanceView.BackendView> backends = new java.util.ArrayList<>(view.backends());
        backends.add(new InstanceView.BackendView(name, status, name + " detail", NOW));
        return new InstanceView(view.service(), view.instanceId(), view.version(), view.status(), view.reason(),
                backends, view.facts(), view.counters(), view.startedAt(), view.lastReportAt(), view.ageSeconds());
    }

    static RuleSet load(String... files) {
        List<RuleSource> sources = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            sources.add(new RuleSource("rules-" + i + ".yaml", files[i]));
        }
        return new RuleLoader().load(sources, List.of(), NOW);
    }

    static RuleSet defaultPack() {
        try (InputStream in = Fixtures.class.getClassLoader()
                .getResourceAsStream("readiness/rules/default-pack.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RuleLoader().load(List.of(new RuleSource("default-pack.yaml", text)), List.of(), NOW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
