package dev.periscope.kit.runtimeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

class RuntimeConfigViewTest {

    @Test
    void configzShowsVersionSourceErrorsAndTheActivePolicy() {
        RuntimeConfigHolder holder = new RuntimeConfigHolder();
        holder.offer(RuntimeConfigHolderTest.doc(4, "TRACE"));
        holder.offer(RuntimeConfigHolderTest.invalidDoc(5));

        Map<String, Object> view = RuntimeConfigView.of(holder.status());

        assertThat(view).containsEntry("version", 4L).containsEntry("source", "mongodb")
                .containsEntry("updated_by", "test").containsEntry("consecutive_failures", 1L)
                .containsKeys("applied_at", "last_check_at", "last_error_at", "policy", "detection");
        assertThat((String) view.get("last_error")).contains("invalid regex '(unclosed'");
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) view.get("policy");
        assertThat(policy).containsEntry("store_raw_source_ip", false);
        assertThat(policy.get("exclude")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("methods", List.of("TRACE"));
    }

    @Test
    void healthFactsCarryVersionFailuresAndLastError() {
        RuntimeConfigHolder holder = new RuntimeConfigHolder();
        holder.recordFailure("cannot read mongodb: MongoTimeoutException");
        Map<String, FactValue> facts = new java.util.TreeMap<>();
        new RuntimeConfigFacts(holder).contribute(facts);
        assertThat(facts).containsEntry("runtime_config.version", HealthFactsContributor.fact(0L))
                .containsEntry("runtime_config.consecutive_failures", HealthFactsContributor.fact(1L))
                .containsEntry("runtime_config.last_error",
                        HealthFactsContributor.fact("cannot read mongodb: MongoTimeoutException"))
                .containsEntry("runtime_config.source", HealthFactsContributor.fact("defaults"));
    }
}
