package dev.periscope.enricher.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.periscope.model.testing.AccessEvents;
import dev.periscope.model.v1.AccessEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EnrichedEventMetricsTest {

    @Test
    void countsUaClassesWithABoundedKindSet() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EnrichedEventMetrics metrics = new EnrichedEventMetrics(registry);
        AccessEvent.Builder base = AccessEvents.enriched("p", "GET", "/a", 200);

        metrics.record(base.clone().putTags("ua.class", "scanner").build());
        metrics.record(base.clone().putTags("ua.class", "browser").build());
        metrics.record(base.clone().putTags("ua.class", "browser").build());
        metrics.record(base.clone().putTags("ua.class", "made-up-by-a-peer").build());
        metrics.record(base.clone().build());

        assertThat(registry.counter("periscope.uaclass.classifications", "kind", "scanner").count()).isEqualTo(1);
        assertThat(registry.counter("periscope.uaclass.classifications", "kind", "browser").count()).isEqualTo(2);
        assertThat(registry.counter("periscope.uaclass.classifications", "kind", "unknown").count()).isEqualTo(2);
        assertThat(registry.find("periscope.uaclass.classifications").counters()).hasSize(3);
    }
}
