package dev.periscope.kit.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

/** The service's own counters ({@code periscope.*}) as a flat map, e.g. {@code events.dropped{reason=malformed}}. */
public final class CounterSnapshot {
    static final String PREFIX = "periscope.";

    private CounterSnapshot() {
    }

    public static Map<String, Double> of(MeterRegistry registry) {
        Map<String, Double> counters = new TreeMap<>();
        for (Counter counter : registry.getMeters().stream().filter(Counter.class::isInstance)
                .map(Counter.class::cast).toList()) {
            String name = counter.getId().getName();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            counters.merge(key(name.substring(PREFIX.length()), counter.getId().getTags()), counter.count(),
                    Double::sum);
        }
        return counters;
    }

    private static String key(String name, java.util.List<Tag> tags) {
        if (tags.isEmpty()) {
            return name;
        }
        return name + tags.stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(",", "{", "}"));
    }
}
