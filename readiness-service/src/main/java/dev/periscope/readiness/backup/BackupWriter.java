package dev.periscope.readiness.backup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.periscope.readiness.dr.BackupManifest;
import dev.periscope.readiness.dr.BackupTrigger;

/**
 * Writes a logical backup of the system-of-record collections: one extended-JSON-lines file per collection (a
 * collection that does not exist yet is backed up as empty and marked so), then the manifest and its checksum. The
 * backup is written under {@code <id>.partial} and renamed when complete, so a crash never leaves a directory that
 * looks like a finished backup. Collections are read one after the other (no cross-collection snapshot).
 */
public final class BackupWriter {
    private final BackupSource source;
    private final Path root;
    private final boolean gzip;

    public BackupWriter(BackupSource source, Path root, boolean gzip) {
        this.source = source;
        this.root = root;
        this.gzip = gzip;
    }

    public record Written(BackupManifest manifest, Path dir, String manifestSha256) {
    }

    public Written write(String id, Instant takenAt, BackupTrigger trigger, List<String> tiers,
            List<String> collections) throws IOException {
        Path partial = root.resolve(id + BackupFiles.PARTIAL_SUFFIX);
        Path done = root.resolve(id);
        Files.createDirectories(partial);
        try {
            Set<String> existing = source.existingCollections();
            List<BackupManifest.CollectionEntry> entries = new ArrayList<>();
            for (String collection : collections) {
                entries.add(writeCollection(partial, collection, existing.contains(collection)));
            }
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, id, source.name(), takenAt,
                    trigger, List.copyOf(tiers), List.copyOf(entries));
            String manifestSha = ManifestCodec.write(partial, manifest);
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            return new Written(manifest, done, manifestSha);
        } catch (IOException | RuntimeException e) {
            BackupFiles.deleteRecursively(partial);
            throw e;
        }
    }

    private BackupManifest.CollectionEntry writeCollection(Path dir, String collection, boolean exists)
            throws IOException {
        String fileName = BackupFiles.fileName(collection, gzip);
        Path file = dir.resolve(fileName);
        DocumentsDigest digest = new DocumentsDigest();
        try (BufferedWriter out = BackupFiles.writer(file)) {
            if (exists) {
                source.read(collection, document -> {
                    String line = CanonicalJson.of(document);
                    try {
                        out.write(line);
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    digest.add(line);
                });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new BackupManifest.CollectionEntry(collection, fileName, exists, digest.count(), Files.size(file),
                Sha256.ofFile(file), digest.sha256());
    }
}
