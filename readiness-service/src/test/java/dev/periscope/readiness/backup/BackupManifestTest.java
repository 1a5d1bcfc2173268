package dev.periscope.readiness.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.periscope.readiness.dr.BackupManifest;
import dev.periscope.readiness.dr.BackupTrigger;

/** Writing a backup, its manifest and checksums; verification finds every kind of tampering. */
class BackupManifestTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<String> COLLECTIONS = List.of("api_inventory", "runtime_config", "threat_intel_feeds");

    @TempDir
    Path root;

    private final FixtureSource source = new FixtureSource()
            .with("api_inventory",
                    "{\"_id\": \"k1\", \"hits\": {\"$numberLong\": \"12\"}, \"n\": 3, \"ratio\": 0.5,"
                            + " \"first_seen\": {\"$date\": \"2026-11-30T10:00:00Z\"}, \"tags\": [\"pii\", \"auth\"]}",
                    "{\"_id\": {\"$oid\": \"65f000000000000000000001\"}, \"nested\": {\"a\": null, \"b\": true}}")
            .with("runtime_config", "{\"_id\": \"default\", \"version\": 3}");

    private BackupWriter.Written write(boolean gzip) throws IOException {
        return new BackupWriter(source, root, gzip).write("b1", NOW, BackupTrigger.MANUAL, List.of(), COLLECTIONS);
    }

    @Test
    void aFreshBackupVerifiesAndRecordsEveryCollection() throws IOException {
        BackupWriter.Written written = write(true);

        BackupManifest manifest = written.manifest();
        assertThat(manifest.collections()).extracting(BackupManifest.CollectionEntry::collection,
                BackupManifest.CollectionEntry::documents, BackupManifest.CollectionEntry::existed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api_inventory", 2L, true),
                        org.assertj.core.groups.Tuple.tuple("runtime_config", 1L, true),
                        // a system-of-record collection that does not exist yet: backed up as empty
                        org.assertj.core.groups.Tuple.tuple("threat_intel_feeds", 0L, false));
        assertThat(manifest.documents()).isEqualTo(3);
        assertThat(written.dir()).isEqualTo(root.resolve("b1"));
        assertThat(Files.list(root).map(p -> p.getFileName().toString())).containsExactly("b1");
        assertThat(Files.readString(written.dir().resolve(BackupFiles.MANIFEST_CHECKSUM)))
                .isEqualTo(written.manifestSha256() + "  manifest.json\n");
        assertThat(manifest.collections().get(0).fileSha256())
                .isEqualTo(Sha256.ofFile(written.dir().resolve("api_inventory.ejson.gz")));

        BackupVerifier.Verification verification = new BackupVerifier().verify(written.dir());
        assertThat(verification.problems()).isEmpty();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.manifest()).isEqualTo(manifest);
    }

    @Test
    void documentsComeBackWithTheirBsonTypes() throws IOException {
        BackupWriter.Written written = write(false);
        List<BsonDocument> read = new ArrayList<>();

        BackupFiles.read(written.dir().resolve("api_inventory.ejson"), read::add);

        List<BsonDocument> original = new ArrayList<>();
        source.read("api_inventory", original::add);
        assertThat(read).isEqualTo(original);
        assertThat(read.get(0).get("hits").isInt64()).isTrue();
        assertThat(read.get(0).get("n").isInt32()).isTrue();
        assertThat(read.get(0).get("first_seen").isDateTime()).isTrue();
        assertThat(read.get(1).get("_id").isObjectId()).isTrue();
    }

    @Test
    void theDocumentsDigestIgnoresOrderButNotContent() {
        DocumentsDigest a = new DocumentsDigest();
        a.add(BsonDocument.parse("{\"_id\": 1}"));
        a.add(BsonDocument.parse("{\"_id\": 2}"));
        DocumentsDigest b = new DocumentsDigest();
        b.add(BsonDocument.parse("{\"_id\": 2}"));
        b.add(BsonDocument.parse("{\"_id\": 1}"));
        DocumentsDigest c = new DocumentsDigest();
        c.add(BsonDocument.parse("{\"_id\": 1}"));
        c.add(BsonDocument.parse("{\"_id\": {\"$numberLong\": \"2\"}}"));

        assertThat(a.sha256()).isEqualTo(b.sha256()).isNotEqualTo(c.sha256());
        assertThat(a.count()).isEqualTo(2);
    }

    @Test
    void aTamperedFileIsDetected() throws IOException {
        BackupWriter.Written written = write(true);
        Path file = written.dir().resolve("api_inventory.ejson.gz");
        // a re-written, well-formed file with one changed value: the file and documents checksums no longer match
        try (BufferedWriter out = BackupFiles.writer(file)) {
            out.write("{\"_id\": \"k1\", \"hits\": {\"$numberLong\": \"13\"}}\n");
            out.write("{\"_id\": {\"$oid\": \"65f000000000000000000001\"}, \"nested\": {\"a\": null, \"b\": true}}\n");
        }

        BackupVerifier.Verification verification = new BackupVerifier().verify(written.dir());

        assertThat(verification.ok()).isFalse();
        assertThat(verification.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("api_inventory.ejson.gz: file checksum"));
        assertThat(verification.problems()).anySatisfy(p -> assertThat(p)
                .isEqualTo("api_inventory.ejson.gz: documents digest does not match the manifest"));
    }

    @Test
    void corruptTruncatedAndMissingFilesAreDetected() throws IOException {
        BackupWriter.Written written = write(true);
        Path inventory = written.dir().resolve("api_inventory.ejson.gz");
        byte[] bytes = Files.readAllBytes(inventory);
        Files.write(inventory, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.delete(written.dir().resolve("runtime_config.ejson.gz"));

        List<String> problems = new BackupVerifier().verify(written.dir()).problems();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("api_inventory.ejson.gz: unreadable"));
        assertThat(problems).contains("runtime_config.ejson.gz: missing");
    }

    @Test
    void aFileWithAnExtraDocumentIsCountedOff() throws IOException {
        BackupWriter.Written written = write(false);
        Path config = written.dir().resolve("runtime_config.ejson");
        Files.writeString(config, "{\"_id\": \"extra\"}\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(new BackupVerifier().verify(written.dir()).problems())
                .contains("runtime_config.ejson: 2 documents, the manifest says 1");
    }

    @Test
    void anEditedManifestNoLongerMatchesItsChecksum() throws IOException {
        BackupWriter.Written written = write(true);
        Path manifest = written.dir().resolve(BackupFiles.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"documents\" : 2", "\"documents\" : 20"));

        List<String> problems = new BackupVerifier().verify(written.dir()).problems();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("manifest.json: checksum"));
        assertThat(problems).contains("api_inventory.ejson.gz: 2 documents, the manifest says 20");
    }

    @Test
    void aMissingManifestIsReported() throws IOException {
        BackupWriter.Written written = write(true);
        Files.delete(written.dir().resolve(BackupFiles.MANIFEST));

        BackupVerifier.Verification verification = new BackupVerifier().verify(written.dir());

        assertThat(verification.ok()).isFalse();
        assertThat(verification.manifest()).isNull();
        assertThat(verification.problems()).singleElement().asString().startsWith("missing manifest.json");
    }

    @Test
    void aFailedBackupLeavesNoDirectoryBehind() {
        BackupSource failing = new BackupSource() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Set<String> existingCollections() {
                return Set.of("api_inventory");
            }

            @Override
            public void read(String collection, Consumer<BsonDocument> documents) {
                throw new IllegalStateException("connection reset");
            }
        };

        assertThatThrownBy(() -> new BackupWriter(failing, root, true).write("b2", NOW, BackupTrigger.MANUAL,
                List.of(), COLLECTIONS)).hasMessageContaining("connection reset");
        assertThat(root).isEmptyDirectory();
    }
}
