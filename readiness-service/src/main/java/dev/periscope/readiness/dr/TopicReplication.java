package dev.periscope.readiness.dr;

import java.util.List;
import java.util.OptionalInt;

/** A topic's replication factor (the smallest replica set of its partitions) and its min.insync.replicas. */
public record TopicReplication(String topic, int replicationFactor, int minInsyncReplicas) {

    public static OptionalInt minReplicationFactor(List<TopicReplication> topics) {
        return topics.stream().mapToInt(TopicReplication::replicationFactor).min();
    }

    public static OptionalInt minInsyncReplicas(List<TopicReplication> topics) {
        return topics.stream().mapToInt(TopicReplication::minInsyncReplicas).min();
    }
}
