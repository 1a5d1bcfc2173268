package dev.periscope.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** readiness-service refuses to start without a token file: one strong admin token for a test run. */
final class ReadinessTokens {
    final String token = "pit_" + UUID.randomUUID() + UUID.randomUUID();
    final Path file;

    ReadinessTokens(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        Files.writeString(file, "pipeline-it admin sha256:" + sha256(token) + "\n");
    }

    String bearer() {
        return "Bearer " + token;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
