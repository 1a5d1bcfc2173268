package dev.periscope.readiness.dr.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.config.ReadinessConfig;
import dev.periscope.readiness.dr.DrSituation;
import dev.periscope.readiness.dr.DrStatus;
import dev.periscope.readiness.dr.KafkaSample;
import dev.periscope.readiness.dr.config.DrConfig;
import dev.periscope.readiness.drill.DrillService;
import dev.periscope.readiness.kafka.KafkaDrSampler;
import dev.periscope.readiness.service.InstanceRegistry;

/** Assembles the DR view from in-memory state only (registry, backup and drill summaries, the last Kafka sample). */
@ApplicationScoped
public class DrStatusService {
    private final InstanceRegistry instances;
    private final BackupService backups;
    private final DrillService drills;
    private final KafkaDrSampler kafka;
    private final DrConfig config;
    private final ReadinessConfig readiness;
    private final Clock clock = Clock.systemUTC();

    public DrStatusService(InstanceRegistry instances, BackupService backups, DrillService drills,
            KafkaDrSampler kafka, DrConfig config, ReadinessConfig readiness) {
        this.instances = instances;
        this.backups = backups;
        this.drills = drills;
        this.kafka = kafka;
        this.config = config;
        this.readiness = readiness;
    }

    public DrSituation situation() {
        BackupService.Summary backup = backups.summary();
        DrillService.Summary drill = drills.summary();
        var sample = kafka.latest();
        return new DrSituation(clock.instant(), instances.instances(), readiness.staleAfter(), backup.latest(),
                config.rpo(), drill.last(), drill.lastPassed(), config.drillMaxAge(),
                sample.map(KafkaSample::timeToDataLoss).orElse(null), config.kafka().warnBelow(),
                sample.map(KafkaSample::topics).orElse(null));
    }

    public DrStatus status() {
        return DrStatus.of(situation(), backups.summary().count(), backups.schedule().tiers(), kafka.latest());
    }
}
