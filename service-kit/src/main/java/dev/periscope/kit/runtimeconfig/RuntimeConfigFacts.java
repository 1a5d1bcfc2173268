package dev.periscope.kit.runtimeconfig;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/** The runtime-config state in every HealthReport, for the readiness checklist. */
@ApplicationScoped
public class RuntimeConfigFacts implements HealthFactsContributor {
    private final RuntimeConfigHolder holder;

    public RuntimeConfigFacts(RuntimeConfigHolder holder) {
        this.holder = holder;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        RuntimeConfigStatus status = holder.status();
        facts.put("runtime_config.version", fact(status.config().version()));
        facts.put("runtime_config.source", fact(status.source()));
        facts.put("runtime_config.consecutive_failures", fact(status.consecutiveFailures()));
        facts.put("runtime_config.last_error", fact(status.lastError()));
    }
}
