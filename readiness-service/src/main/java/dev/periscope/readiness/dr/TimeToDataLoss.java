package dev.periscope.readiness.dr;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The time until one consumer group loses data in one topic: the topic's retention minus the age of the oldest
 * record the group has not read yet (the record at its committed offset, oldest across the partitions). Without lag
 * the whole retention is left. A lower bound: the broker deletes whole segments, so a record may outlive its
 * retention by up to a segment's lifetime.
 *
 * @param secondsUntilLoss null when unbounded (no time retention) or unknown; 0 when records were already lost or
 *        retention has passed
 * @param oldestUnconsumedAt the timestamp of the oldest unread record, null without lag
 */
public record TimeToDataLoss(String group, String topic, long lagRecords, Long retentionSeconds,
        Instant oldestUnconsumedAt, Double secondsUntilLoss, DataLossState state) {

    /** @param retentionMs the topic's retention.ms; negative means unbounded */
    public static TimeToDataLoss of(String group, String topic, List<PartitionPosition> partitions, long retentionMs,
            Instant now) {
        long lag = partitions.stream().mapToLong(PartitionPosition::lag).sum();
        Long retentionSeconds = retentionMs < 0 ? null : retentionMs / 1000;
        OptionalLong oldest = partitions.stream().filter(p -> p.lag() > 0)
                .map(PartitionPosition::committedRecordTimestampMs)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        Instant oldestAt = oldest.isPresent() ? Instant.ofEpochMilli(oldest.getAsLong()) : null;
        if (partitions.stream().anyMatch(p -> p.lostRecords())) {
            return new TimeToDataLoss(group, topic, lag, retentionSeconds, oldestAt, 0.0, DataLossState.LOST);
        }
        if (retentionMs < 0) {
            return new TimeToDataLoss(group, topic, lag, null, oldestAt, null, DataLossState.UNBOUNDED);
        }
        if (lag == 0) {
            return new TimeToDataLoss(group, topic, 0, retentionSeconds, null, retentionMs / 1000.0,
                    DataLossState.NO_DATA_AT_RISK);
        }
        if (oldest.isEmpty()) {
            return new TimeToDataLoss(group, topic, lag, retentionSeconds, null, null, DataLossState.UNKNOWN);
        }
        double ageSeconds = Math.max(0, now.toEpochMilli() - oldest.getAsLong()) / 1000.0;
        double left = Math.max(0, retentionMs / 1000.0 - ageSeconds);
        return new TimeToDataLoss(group, topic, lag, retentionSeconds, oldestAt, left, DataLossState.AT_RISK);
    }

    /** The gauge value: seconds left, +Inf when unbounded, NaN when unknown. */
    public double gaugeValue() {
        if (state == DataLossState.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        return secondsUntilLoss == null ? Double.NaN : secondsUntilLoss;
    }
}
