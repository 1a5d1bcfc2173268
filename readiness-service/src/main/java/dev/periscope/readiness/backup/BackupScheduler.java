package dev.periscope.readiness.backup;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Takes the scheduled backups that are due and prunes expired ones, checked every {@code check-every}; a failed
 * attempt is logged and counted ({@code periscope_dr_backup_failures_total}) and retried at the next check.
 */
@ApplicationScoped
public class BackupScheduler {
    private static final Logger LOG = Logger.getLogger(BackupScheduler.class);

    private final BackupService backups;
    private final Counter failures;

    public BackupScheduler(BackupService backups, MeterRegistry registry) {
        this.backups = backups;
        this.failures = Counter.builder("periscope.dr.backup.failures")
                .description("Scheduled backup or pruning attempts that failed").register(registry);
    }

    @Scheduled(every = "${periscope.readiness.backup.check-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            backups.takeIfDue();
            backups.prune();
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("scheduled backup failed: %s", e.toString());
        }
    }
}
