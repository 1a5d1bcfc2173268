package dev.periscope.readiness.dr.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.drill.DrillService;
import dev.periscope.readiness.drill.MongoBackupRestoreDrill;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code periscope_dr_backup_age_seconds} (+Inf when there is no backup) and
 * {@code periscope_dr_drill_success{drill}} (1 the last run passed, 0 it failed, NaN never run), read from memory.
 */
@ApplicationScoped
public class DrMetrics {
    private final BackupService backups;
    private final DrillService drills;
    private final MeterRegistry registry;

    public DrMetrics(BackupService backups, DrillService drills, MeterRegistry registry) {
        this.backups = backups;
        this.drills = drills;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("periscope.dr.backup.age.seconds", backups, b -> b.summary().latest()
                .map(r -> (double) r.age(Instant.now()).toMillis() / 1000.0).orElse(Double.POSITIVE_INFINITY))
                .description("Age of the newest MongoDB backup in the catalog").register(registry);
        Gauge.builder("periscope.dr.drill.success", drills, d -> d.summary().last()
                .map(r -> r.passed() ? 1.0 : 0.0).orElse(Double.NaN))
                .tag("drill", MongoBackupRestoreDrill.NAME)
                .description("1 when the last run of the drill passed, 0 when it failed").register(registry);
    }
}
