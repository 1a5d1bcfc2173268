package dev.periscope.readiness.drill;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Runs {@code mongo-backup-restore} every {@code periscope.readiness.drill.every}. */
@ApplicationScoped
public class DrillScheduler {
    private static final Logger LOG = Logger.getLogger(DrillScheduler.class);

    private final DrillService drills;

    public DrillScheduler(DrillService drills) {
        this.drills = drills;
    }

    @Scheduled(every = "${periscope.readiness.drill.every:24h}",
            delayed = "${periscope.readiness.drill.initial-delay:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            drills.runMongoBackupRestore(Optional.empty());
        } catch (RuntimeException e) {
            LOG.warnf("scheduled drill could not run: %s", e.toString());
        }
    }
}
