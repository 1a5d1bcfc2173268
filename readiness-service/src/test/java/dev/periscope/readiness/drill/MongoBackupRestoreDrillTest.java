package dev.periscope.readiness.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.periscope.readiness.backup.BackupWriter;
import dev.periscope.readiness.backup.FixtureSource;
import dev.periscope.readiness.dr.BackupRecord;
import dev.periscope.readiness.dr.BackupTrigger;
import dev.periscope.readiness.dr.DrillRecord;

/** A drill over a corrupted backup fails before it restores anything (no MongoDB needed to find out). */
class MongoBackupRestoreDrillTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void aCorruptedBackupFailsTheDrillAtVerification() throws IOException {
        BackupWriter.Written written = new BackupWriter(new FixtureSource().with("api_inventory",
                "{\"_id\": \"k1\", \"hits\": 1}"), root, true).write("b1", NOW, BackupTrigger.MANUAL, List.of(),
                        List.of("api_inventory"));
        Path file = written.dir().resolve("api_inventory.ejson.gz");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
        BackupRecord record = new BackupRecord("b1", NOW, BackupTrigger.MANUAL, List.of(), "fixture",
                written.dir().toString(), 1, 1, bytes.length, written.manifestSha256());
        // no MongoDB client: the drill must not get as far as restoring
        MongoBackupRestoreDrill drill = new MongoBackupRestoreDrill(null, null, "readiness_drill_",
                Clock.fixed(NOW, ZoneOffset.UTC));

        DrillRecord result = drill.run("d1", Optional.of(record));

        assertThat(result.passed()).isFalse();
        assertThat(result.error()).startsWith("backup files do not match the manifest: api_inventory.ejson.gz");
        assertThat(result.backupId()).isEqualTo("b1");
        assertThat(result.checks()).extracting(DrillRecord.DrillCheck::name, DrillRecord.DrillCheck::ok)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("backup", true),
                        org.assertj.core.groups.Tuple.tuple("verify files", false));
        assertThat(result.drill()).isEqualTo(MongoBackupRestoreDrill.NAME);
    }
}
