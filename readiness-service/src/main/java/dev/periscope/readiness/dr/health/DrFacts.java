package dev.periscope.readiness.dr.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;
import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.DrillRecord;
import dev.periscope.readiness.dr.KafkaSample;
import dev.periscope.readiness.dr.TopicReplication;
import dev.periscope.readiness.dr.config.DrConfig;
import dev.periscope.readiness.drill.DrillService;
import dev.periscope.readiness.kafka.KafkaDrSampler;

/**
 * The readiness service's own facts for the DR and Kafka-replication rules, in its HealthReport like any other
 * service's: backup age vs RPO, the last drill, the Periscope topics' smallest RF and min ISR. Ages are rounded up
 * to {@code fact-granularity} so the report does not change every second.
 */
@ApplicationScoped
public class DrFacts implements HealthFactsContributor {
    private final BackupService backups;
    private final DrillService drills;
    private final KafkaDrSampler kafka;
    private final DrConfig config;

    public DrFacts(BackupService backups, DrillService drills, KafkaDrSampler kafka, DrConfig config) {
        this.backups = backups;
        this.drills = drills;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        contribute(backups.summary(), drills.summary(), kafka.latest(), config.rpo(), config.factGranularity(),
                Instant.now(), facts);
    }

    static void contribute(BackupService.Summary backup, DrillService.Summary drill, Optional<KafkaSample> sample,
            Duration rpo, Duration granularity, Instant now, Map<String, FactValue> facts) {
        facts.put("dr.mongodb.rpo_seconds", fact(rpo.toSeconds()));
        facts.put("dr.mongodb.backups", fact(backup.count()));
        Optional<BackupRecord> latest = backup.latest();
        facts.put("dr.mongodb.last_backup", fact(latest.map(BackupRecord::id).orElse("none")));
        latest.ifPresent(b -> facts.put("dr.mongodb.backup_age_seconds", fact(roundUp(b.age(now), granularity))));

        Optional<DrillRecord> last = drill.last();
        facts.put("dr.drill.last_passed", fact(last.map(DrillRecord::passed).orElse(false)));
        facts.put("dr.drill.last_result", fact(last.map(d -> (d.passed() ? "passed " : "failed ") + d.id()
                + (d.passed() ? "" : ": " + d.error())).orElse("never run")));
        last.ifPresent(d -> facts.put("dr.drill.last_age_seconds", fact(roundUp(d.age(now), granularity))));
        drill.lastPassed().ifPresent(d -> facts.put("dr.drill.last_success_age_seconds",
                fact(roundUp(d.age(now), granularity))));

        sample.filter(s -> !s.topics().isEmpty()).ifPresent(s -> {
            facts.put("kafka.topics.checked", fact(s.topics().size()));
            facts.put("kafka.topics.min_replication_factor",
                    fact(TopicReplication.minReplicationFactor(s.topics()).getAsInt()));
            facts.put("kafka.topics.min_insync_replicas",
                    fact(TopicReplication.minInsyncReplicas(s.topics()).getAsInt()));
        });
    }

    static long roundUp(Duration age, Duration granularity) {
        long step = Math.max(1, granularity.toSeconds());
        long seconds = age.toSeconds() + (age.toNanosPart() > 0 ? 1 : 0);
        return (seconds + step - 1) / step * step;
    }
}
