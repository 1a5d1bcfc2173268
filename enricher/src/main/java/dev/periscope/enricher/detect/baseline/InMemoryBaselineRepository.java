package dev.periscope.enricher.detect.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BaselineRepository} in memory: for tests and for running with persistence off. */
public final class InMemoryBaselineRepository implements BaselineRepository {
    private final Map<String, Map<String, BaselineRecord>> byInstance = new ConcurrentHashMap<>();

    @Override
    public void save(String instance, List<BaselineRecord> records) {
        Map<String, BaselineRecord> stored = byInstance.computeIfAbsent(instance, i -> new ConcurrentHashMap<>());
        for (BaselineRecord record : records) {
            stored.put(record.detector() + "/" + record.endpointKey(), record);
        }
    }

    @Override
    public List<BaselineRecord> load(String instance) {
        return new ArrayList<>(byInstance.getOrDefault(instance, Map.of()).values());
    }
}
