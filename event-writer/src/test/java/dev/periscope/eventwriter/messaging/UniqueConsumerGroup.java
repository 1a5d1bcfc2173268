package dev.periscope.eventwriter.messaging;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A consumer group and an input topic (2 partitions) of its own per test run. */
public class UniqueConsumerGroup implements QuarkusTestResourceLifecycleManager {
    private String topic;

    @Override
    public Map<String, String> start() {
        topic = OwnTopic.create("periscope.event-writer.it", 2);
        return Map.of("periscope.event-writer.kafka.group-id",
                "event-writer-it-" + UUID.randomUUID().toString().substring(0, 8),
                "periscope.event-writer.kafka.topic", topic);
    }

    @Override
    public void stop() {
        OwnTopic.delete(topic);
    }
}
