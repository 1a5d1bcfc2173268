package dev.periscope.readiness.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.bson.BsonDocument;

/** The layout of one backup directory and its collection files (extended JSON lines, gzip by file name). */
public final class BackupFiles {
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_CHECKSUM = "manifest.json.sha256";
    public static final String PARTIAL_SUFFIX = ".partial";

    private BackupFiles() {
    }

    public static String fileName(String collection, boolean gzip) {
        return collection + (gzip ? ".ejson.gz" : ".ejson");
    }

    public static BufferedWriter writer(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 64 * 1024);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Feeds every document of a collection file, in file order; a line that is not a document throws. */
    public static void read(Path file, Consumer<BsonDocument> documents) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 64 * 1024);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null;) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                BsonDocument document;
                try {
                    document = CanonicalJson.parse(line);
                } catch (RuntimeException e) {
                    throw new IOException(file.getFileName() + " line " + lineNumber + ": not a document ("
                            + e.getMessage() + ")", e);
                }
                documents.accept(document);
            }
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
