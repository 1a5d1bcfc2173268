package dev.periscope.readiness.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.BackupSchedule;
import dev.periscope.readiness.dr.BackupTrigger;

/**
 * Takes backups (one at a time), records them in the catalog and prunes what the schedule no longer keeps. Keeps
 * the newest backup and the catalog size in memory for facts and metrics, which must not query MongoDB.
 */
public class BackupService {
    private static final Logger LOG = Logger.getLogger(BackupService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final BackupWriter writer;
    private final BackupCatalogRepository catalog;
    private final BackupSchedule schedule;
    private final List<String> collections;
    private final Path root;
    private final Clock clock;
    private final AtomicReference<Summary> summary = new AtomicReference<>(new Summary(Optional.empty(), 0));

    /** The newest backup and how many the catalog holds, as of the last catalog read or write. */
    public record Summary(Optional<BackupRecord> latest, int count) {
    }

    public BackupService(BackupWriter writer, BackupCatalogRepository catalog, BackupSchedule schedule,
            List<String> collections, Path root, Clock clock) {
        this.writer = writer;
        this.catalog = catalog;
        this.schedule = schedule;
        this.collections = List.copyOf(collections);
        this.root = root;
        this.clock = clock;
    }

    public synchronized BackupRecord take(BackupTrigger trigger, List<String> tiers) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what the catalog (a BSON date) keeps
        String id = ID_TIME.format(now) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        BackupWriter.Written written;
        try {
            written = writer.write(id, now, trigger, tiers, collections);
        } catch (IOException e) {
            throw new UncheckedIOException("backup " + id + " failed: " + e.getMessage(), e);
        }
        BackupRecord record = new BackupRecord(id, now, trigger, List.copyOf(tiers), written.manifest().database(),
                written.dir().toAbsolutePath().toString(), written.manifest().collections().size(),
                written.manifest().documents(), written.manifest().bytes(), written.manifestSha256());
        catalog.save(record);
        LOG.infof("backup %s (%s%s): %d documents in %d collections, %d bytes, %s", id,
                trigger.name().toLowerCase(), tiers.isEmpty() ? "" : " " + tiers, record.documents(),
                record.collections(), record.bytes(), record.path());
        prune();
        return record;
    }

    /** Takes a scheduled backup for every tier that is due, if any. */
    public synchronized Optional<BackupRecord> takeIfDue() {
        List<String> due = schedule.dueTiers(catalog.list(), clock.instant());
        return due.isEmpty() ? Optional.empty() : Optional.of(take(BackupTrigger.SCHEDULED, due));
    }

    /** Deletes the expired backups (directory, then catalog entry). @return the ids deleted */
    public synchronized List<String> prune() {
        List<String> deleted = new ArrayList<>();
        for (BackupRecord expired : schedule.expired(catalog.list(), clock.instant())) {
            try {
                BackupFiles.deleteRecursively(Path.of(expired.path()));
                catalog.delete(expired.id());
                deleted.add(expired.id());
            } catch (IOException | RuntimeException e) {
                LOG.warnf("could not prune backup %s: %s", expired.id(), e.toString());
            }
        }
        if (!deleted.isEmpty()) {
            LOG.infof("pruned %d expired backup(s): %s", deleted.size(), deleted);
        }
        refresh();
        return deleted;
    }

    /** Newest first. */
    public List<BackupRecord> list() {
        List<BackupRecord> backups = catalog.list();
        summary.set(new Summary(backups.stream().findFirst(), backups.size()));
        return backups;
    }

    public Optional<BackupRecord> find(String id) {
        return catalog.find(id);
    }

    /** Re-reads the catalog into the in-memory summary. */
    public synchronized void refresh() {
        list();
    }

    public Summary summary() {
        return summary.get();
    }

    public BackupSchedule schedule() {
        return schedule;
    }

    public Path root() {
        return root;
    }
}
