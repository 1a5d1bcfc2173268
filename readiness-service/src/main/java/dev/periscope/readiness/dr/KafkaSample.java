package dev.periscope.readiness.dr;

import java.time.Instant;
import java.util.List;

/**
 * One sample of the broker: time until data loss per consumer group and topic, and the replication of the
 * Periscope topics.
 *
 * @param error why the sample is incomplete, null when complete
 */
public record KafkaSample(Instant sampledAt, List<TimeToDataLoss> timeToDataLoss, List<TopicReplication> topics,
        String error) {
}
