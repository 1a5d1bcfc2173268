package dev.periscope.kit.health;

import java.util.Map;

import dev.periscope.model.v1.FactValue;

/** Adds facts (configuration and environment) to every HealthReport for the readiness checklist to read. */
public interface HealthFactsContributor {
    void contribute(Map<String, FactValue> facts);

    static FactValue fact(boolean value) {
        return FactValue.newBuilder().setBoolValue(value).build();
    }

    static FactValue fact(long value) {
        return FactValue.newBuilder().setIntValue(value).build();
    }

    static FactValue fact(double value) {
        return FactValue.newBuilder().setDoubleValue(value).build();
    }

    static FactValue fact(String value) {
        return FactValue.newBuilder().setStringValue(value).build();
    }
}
