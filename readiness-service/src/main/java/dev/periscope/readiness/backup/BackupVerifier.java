package dev.periscope.readiness.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.periscope.readiness.dr.BackupManifest;

/**
 * Checks a backup directory against its manifest without touching MongoDB: the manifest's own checksum, then per
 * collection the file's SHA-256, its document count and the documents' digest (so a file that was re-written, cut
 * short or corrupted is found).
 */
public final class BackupVerifier {

    /** @param manifest null when the manifest itself is missing or unreadable */
    public record Verification(BackupManifest manifest, List<String> problems) {
        public boolean ok() {
            return manifest != null && problems.isEmpty();
        }
    }

    public Verification verify(Path dir) {
        List<String> problems = new ArrayList<>();
        BackupManifest manifest;
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(BackupFiles.MANIFEST));
            String recorded = ManifestCodec.recordedChecksum(dir);
            String actual = Sha256.hex(bytes);
            if (!actual.equals(recorded)) {
                problems.add(BackupFiles.MANIFEST + ": checksum " + actual + " does not match the recorded "
                        + recorded);
            }
            manifest = ManifestCodec.parse(bytes);
        } catch (NoSuchFileException e) {
            problems.add("missing " + dir.relativize(Path.of(e.getFile())) + " in " + dir);
            return new Verification(null, List.copyOf(problems));
        } catch (IOException | RuntimeException e) {
            problems.add(BackupFiles.MANIFEST + ": unreadable (" + e.getMessage() + ")");
            return new Verification(null, List.copyOf(problems));
        }
        for (BackupManifest.CollectionEntry entry : manifest.collections()) {
            problems.addAll(verifyFile(dir, entry));
        }
        return new Verification(manifest, List.copyOf(problems));
    }

    private static List<String> verifyFile(Path dir, BackupManifest.CollectionEntry entry) {
        Path file = dir.resolve(entry.file());
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            problems.add(entry.file() + ": missing");
            return problems;
        }
        try {
            String sha = Sha256.ofFile(file);
            if (!sha.equals(entry.fileSha256())) {
                problems.add(entry.file() + ": file checksum " + sha + " does not match the manifest's "
                        + entry.fileSha256());
            }
            DocumentsDigest digest = new DocumentsDigest();
            BackupFiles.read(file, digest::add);
            if (digest.count() != entry.documents()) {
                problems.add(entry.file() + ": " + digest.count() + " documents, the manifest says "
                        + entry.documents());
            } else if (!digest.sha256().equals(entry.documentsSha256())) {
                problems.add(entry.file() + ": documents digest does not match the manifest");
            }
        } catch (IOException | RuntimeException e) {
            problems.add(entry.file() + ": unreadable (" + e.getMessage() + ")");
        }
        return problems;
    }
}
