package dev.periscope.readiness.dr.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.drill.DrillService;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-reads the backup catalog and the drill results into memory shortly after start-up and then every
 * {@code refresh-every}: off the start-up path (a MongoDB that is down does not delay the start), and so backups or
 * drills recorded by another replica show up too.
 */
@ApplicationScoped
public class DrCatalogRefresher {
    private static final Logger LOG = Logger.getLogger(DrCatalogRefresher.class);

    private final BackupService backups;
    private final DrillService drills;
    private volatile String lastError;

    public DrCatalogRefresher(BackupService backups, DrillService drills) {
        this.backups = backups;
        this.drills = drills;
    }

    @Scheduled(every = "${periscope.readiness.dr.refresh-every:1m}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            backups.refresh();
            drills.refresh();
            lastError = null;
        } catch (RuntimeException e) {
            if (!e.toString().equals(lastError)) {
                LOG.warnf("backup catalog / drill results not readable: %s", e.toString());
            }
            lastError = e.toString();
        }
    }
}
