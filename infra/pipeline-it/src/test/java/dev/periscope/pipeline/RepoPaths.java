package dev.periscope.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root from the test's working directory (infra/pipeline-it) or a system property. */
final class RepoPaths {
    private RepoPaths() {
    }

    static Path root() {
        String configured = System.getProperty("periscope.repo.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "periscope"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("periscope"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no ./periscope above " + Path.of("")
                    .toAbsolutePath() + ")");
        }
        return dir;
    }
}
