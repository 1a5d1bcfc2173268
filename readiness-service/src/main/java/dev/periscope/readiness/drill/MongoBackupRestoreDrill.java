package dev.periscope.readiness.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.periscope.readiness.backup.BackupService;
import dev.periscope.readiness.backup.BackupVerifier;
import dev.periscope.readiness.backup.DocumentsDigest;
import dev.periscope.readiness.backup.MongoRestorer;
import dev.periscope.readiness.dr.BackupManifest;
import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.BackupTrigger;
import dev.periscope.readiness.dr.DrillRecord;
import dev.periscope.readiness.dr.DrillRecord.DrillCheck;

/**
 * The drill {@value #NAME}: take a backup (or use a given one), verify its files against the manifest, restore it
 * into a scratch database, compare every collection's count and documents digest with the manifest, drop the
 * scratch database. Any failed step fails the drill; the scratch database is dropped in every case.
 */
public final class MongoBackupRestoreDrill {
    public static final String NAME = "mongo-backup-restore";

    private final BackupService backups;
    private final BackupVerifier verifier = new BackupVerifier();
    private final MongoRestorer restorer = new MongoRestorer();
    private final MongoClient client;
    private final String scratchPrefix;
    private final Clock clock;

    public MongoBackupRestoreDrill(BackupService backups, MongoClient client, String scratchPrefix, Clock clock) {
        this.backups = backups;
        this.client = client;
        this.scratchPrefix = scratchPrefix;
        this.clock = clock;
    }

    /** @param backup the backup to restore; empty = take a new one */
    public DrillRecord run(String id, Optional<BackupRecord> backup) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what the repository keeps
        List<DrillCheck> checks = new ArrayList<>();
        String scratch = scratchPrefix + id.replaceAll("[^A-Za-z0-9_]", "_");
        String backupId = backup.map(BackupRecord::id).orElse(null);
        String error = null;
        boolean restored = false;
        try {
            BackupRecord record = backup.orElseGet(() -> backups.take(BackupTrigger.DRILL, List.of()));
            backupId = record.id();
            checks.add(new DrillCheck("backup", true, (backup.isPresent() ? "given " : "took ") + record.id() + ": "
                    + record.documents() + " documents in " + record.collections() + " collections"));

            Path dir = Path.of(record.path());
            BackupVerifier.Verification verification = verifier.verify(dir);
            checks.add(new DrillCheck("verify files", verification.ok(), verification.ok()
                    ? "manifest and every file match their checksums" : String.join("; ", verification.problems())));
            if (!verification.ok()) {
                throw new DrillFailure("backup files do not match the manifest: " + verification.problems().get(0));
            }

            MongoDatabase target = client.getDatabase(scratch);
            target.drop();
            restored = true;
            restorer.restore(dir, verification.manifest(), target);
            checks.add(new DrillCheck("restore", true, "restored into " + scratch));

            List<String> mismatches = new ArrayList<>();
            for (BackupManifest.CollectionEntry entry : verification.manifest().collections()) {
                DocumentsDigest digest = restorer.digest(target, entry.collection());
                boolean ok = digest.count() == entry.documents() && digest.sha256().equals(entry.documentsSha256());
                checks.add(new DrillCheck("compare " + entry.collection(), ok, digest.count() + "/"
                        + entry.documents() + " documents, digest " + (digest.sha256().equals(entry.documentsSha256())
                                ? "matches" : "differs")));
                if (!ok) {
                    mismatches.add(entry.collection());
                }
            }
            if (!mismatches.isEmpty()) {
                throw new DrillFailure("restored collections differ from the backup: " + mismatches);
            }
        } catch (DrillFailure e) {
            error = e.getMessage();
        } catch (RuntimeException | java.io.IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            checks.add(new DrillCheck("error", false, error));
        } finally {
            if (restored) {
                try {
                    client.getDatabase(scratch).drop();
                    checks.add(new DrillCheck("drop scratch database", true, "dropped " + scratch));
                } catch (RuntimeException e) {
                    checks.add(new DrillCheck("drop scratch database", false, e.toString()));
                    error = error != null ? error : "could not drop the scratch database " + scratch + ": " + e;
                }
            }
        }
        Instant finished = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new DrillRecord(id, NAME, started, finished, error == null, backupId, scratch, List.copyOf(checks),
                error);
    }

    private static final class DrillFailure extends Exception {
        DrillFailure(String message) {
            super(message, null, false, false);
        }
    }
}
