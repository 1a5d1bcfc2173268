package dev.periscope.readiness.drill;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.periscope.readiness.auth.AuditRecord;
import dev.periscope.readiness.auth.MongoAuditLog;
import dev.periscope.readiness.dr.DrillRecord;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs {@code mongo-backup-restore} every {@code periscope.readiness.drill.every}; each run is audited like one asked
 * for over the API, with {@code scheduler} as who.
 */
@ApplicationScoped
public class DrillScheduler {
    private static final Logger LOG = Logger.getLogger(DrillScheduler.class);

    static final String WHO = "scheduler";
    static final String WHAT = "scheduled drill mongo-backup-restore";

    private final DrillService drills;
    private final MongoAuditLog audit;

    public DrillScheduler(DrillService drills, MongoAuditLog audit) {
        this.drills = drills;
        this.audit = audit;
    }

    @Scheduled(every = "${periscope.readiness.drill.every:24h}",
            delayed = "${periscope.readiness.drill.initial-delay:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        try {
            DrillRecord result = drills.runMongoBackupRestore(Optional.empty());
            audit.record(new AuditRecord(WHO, WHAT + " " + result.id(), Instant.now(), 0,
                    result.passed() ? "passed" : "failed", ""));
        } catch (RuntimeException e) {
            LOG.warnf("scheduled drill could not run: %s", e.toString());
            audit.record(new AuditRecord(WHO, WHAT, Instant.now(), 0, "error: " + e.getMessage(), ""));
        }
    }
}
