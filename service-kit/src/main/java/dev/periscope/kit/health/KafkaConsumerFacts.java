package dev.periscope.kit.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.model.v1.FactValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code kafka.consumer.max_lag_records}: the largest partition lag of this instance's Kafka consumers, also exported
 * as the gauge {@code periscope_kafka_consumer_max_lag_records} (NaN while no consumer has a partition). No fact
 * when the service consumes nothing (yet), so the checklist shows unknown rather than a lag of zero.
 */
@ApplicationScoped
public class KafkaConsumerFacts implements HealthFactsContributor {
    public static final String MAX_LAG_GAUGE = "periscope.kafka.consumer.max_lag_records";

    private final KafkaConsumerLag lag = new KafkaConsumerLag(ManagementFactory.getPlatformMBeanServer());

    public KafkaConsumerFacts(MeterRegistry registry) {
        Gauge.builder(MAX_LAG_GAUGE, lag, KafkaConsumerFacts::gaugeValue)
                .description("largest records-lag of any partition of this instance's Kafka consumers")
                .register(registry);
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        OptionalLong max = lag.maxRecordsLag();
        if (max.isPresent()) {
            facts.put("kafka.consumer.max_lag_records", fact(max.getAsLong()));
        }
    }

    static double gaugeValue(KafkaConsumerLag lag) {
        OptionalLong max = lag.maxRecordsLag();
        return max.isPresent() ? max.getAsLong() : Double.NaN;
    }
}
