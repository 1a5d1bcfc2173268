package dev.periscope.readiness.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.periscope.readiness.dr.BackupManifest;

/**
 * Writes and reads {@code manifest.json} and its checksum file {@code manifest.json.sha256}, which is in
 * {@code sha256sum} format so an operator can check it with {@code sha256sum -c manifest.json.sha256}.
 */
public final class ManifestCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCodec() {
    }

    /** @return the SHA-256 of the manifest file */
    public static String write(Path dir, BackupManifest manifest) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        Files.write(dir.resolve(BackupFiles.MANIFEST), bytes);
        String sha = Sha256.hex(bytes);
        Files.writeString(dir.resolve(BackupFiles.MANIFEST_CHECKSUM), sha + "  " + BackupFiles.MANIFEST + "\n",
                StandardCharsets.US_ASCII);
        return sha;
    }

    public static BackupManifest parse(byte[] bytes) throws IOException {
        return JSON.readValue(bytes, BackupManifest.class);
    }

    /** The checksum recorded in {@code manifest.json.sha256} (its first field). */
    public static String recordedChecksum(Path dir) throws IOException {
        String line = Files.readString(dir.resolve(BackupFiles.MANIFEST_CHECKSUM), StandardCharsets.US_ASCII).trim();
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }
}
