package dev.periscope.readiness.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.periscope.readiness.domain.InstanceView;

/**
 * Everything the DR view is computed from, read at one moment.
 *
 * @param dataLoss null before the first Kafka sample
 * @param topics null before the first Kafka sample
 */
public record DrSituation(Instant now, List<InstanceView> instances, Duration staleAfter,
        Optional<BackupRecord> latestBackup, Duration rpo, Optional<DrillRecord> lastDrill,
        Optional<DrillRecord> lastPassedDrill, Duration drillMaxAge, List<TimeToDataLoss> dataLoss,
        Duration dataLossWarnBelow, List<TopicReplication> topics) {

    public Optional<Duration> backupAge() {
        return latestBackup.map(b -> b.age(now));
    }

    public boolean backupWithinRpo() {
        return backupAge().map(age -> age.compareTo(rpo) <= 0).orElse(false);
    }

    /** The last drill passed and finished within the allowed age. */
    public boolean drillCurrent() {
        return lastDrill.map(d -> d.passed() && d.age(now).compareTo(drillMaxAge) <= 0).orElse(false);
    }

    List<InstanceView> fresh(String service) {
        return instances.stream().filter(i -> i.service().equals(service))
                .filter(i -> i.ageSeconds() <= staleAfter.toSeconds()).toList();
    }
}
