package dev.periscope.readiness.dr.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Disaster-recovery settings: RPO, drill age, the Kafka sampler. */
@ConfigMapping(prefix = "periscope.readiness.dr")
public interface DrConfig {

    /** Recovery point objective: the newest MongoDB backup must be younger (hourly schedule + slack). */
    @WithDefault("90m")
    Duration rpo();

    /** The last restore drill must have passed within this age (the checklist rule says 30 days too). */
    @WithDefault("30d")
    Duration drillMaxAge();

    /** Age facts are rounded up to this step, so the health report does not change (and publish) every second. */
    @WithDefault("60s")
    Duration factGranularity();

    /** How often the backup catalog and drill results are re-read from MongoDB into memory. */
    @WithDefault("1m")
    String refreshEvery();

    Kafka kafka();

    interface Kafka {
        /** How often the broker is sampled (never on a request); {@code off} disables. */
        @WithDefault("30s")
        String sampleEvery();

        /** Consumer groups to watch (regular expression, full match). */
        @WithDefault(".*")
        String groups();

        /** Consumer groups never watched (regular expression, full match); none when unset. */
        Optional<String> excludeGroups();

        /** The Periscope topics whose replication factor and min.insync.replicas are checked. */
        @WithDefault("periscope\\..*")
        String topics();

        /** Bound of each admin call and of the timestamp reads of one sample. */
        @WithDefault("10s")
        Duration timeout();

        /** The runbook warns when a group's time until data loss is below this. */
        @WithDefault("6h")
        Duration warnBelow();
    }
}
