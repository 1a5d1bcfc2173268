package dev.periscope.readiness.drill;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.DrillRecord;

/**
 * Runs drills one at a time, records every result and keeps the last run and the last passing run in memory for
 * facts and metrics.
 */
public class DrillService {
    private static final Logger LOG = Logger.getLogger(DrillService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final MongoBackupRestoreDrill drill;
    private final DrillRepository repository;
    private final BackupService backups;
    private final Clock clock;
    private final AtomicReference<Summary> summary = new AtomicReference<>(new Summary(Optional.empty(),
            Optional.empty()));

    public record Summary(Optional<DrillRecord> last, Optional<DrillRecord> lastPassed) {
    }

    public DrillService(MongoBackupRestoreDrill drill, DrillRepository repository, BackupService backups,
            Clock clock) {
        this.drill = drill;
        this.repository = repository;
        this.backups = backups;
        this.clock = clock;
    }

    /**
     * Runs {@code mongo-backup-restore} now and records the result.
     *
     * @param backupId restore this backup instead of taking a new one
     * @throws NoSuchElementException when the given backup is not in the catalog
     */
    public synchronized DrillRecord runMongoBackupRestore(Optional<String> backupId) {
        Optional<BackupRecord> backup = Optional.empty();
        if (backupId.isPresent()) {
            backup = Optional.of(backups.find(backupId.get())
                    .orElseThrow(() -> new NoSuchElementException("no backup " + backupId.get())));
        }
        String id = ID_TIME.format(clock.instant()) + "-" + String.format("%06x",
                ThreadLocalRandom.current().nextInt(1 << 24));
        DrillRecord result = drill.run(id, backup);
        repository.save(result);
        if (result.passed()) {
            LOG.infof("drill %s %s passed (backup %s)", MongoBackupRestoreDrill.NAME, id, result.backupId());
        } else {
            LOG.warnf("drill %s %s FAILED (backup %s): %s", MongoBackupRestoreDrill.NAME, id, result.backupId(),
                    result.error());
        }
        Summary previous = summary.get();
        summary.set(new Summary(Optional.of(result), result.passed() ? Optional.of(result) : previous.lastPassed()));
        return result;
    }

    public List<DrillRecord> list(int limit) {
        return repository.list(limit);
    }

    public Optional<DrillRecord> find(String id) {
        return repository.find(id);
    }

    /** Re-reads the last and the last passing run from the repository. */
    public synchronized void refresh() {
        summary.set(new Summary(repository.list(1).stream().findFirst(), repository.lastPassed()));
    }

    public Summary summary() {
        return summary.get();
    }
}
