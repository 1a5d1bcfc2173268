package dev.periscope.eventwriter.messaging;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A consumer group of its own per test run, so a running event-writer never takes this test's partitions. */
public class UniqueConsumerGroup implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("mp.messaging.incoming.enriched-events.group.id",
                "event-writer-it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public void stop() {
    }
}
