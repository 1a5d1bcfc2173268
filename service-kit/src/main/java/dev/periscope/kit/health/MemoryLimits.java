package dev.periscope.kit.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The container memory limit from the cgroup (v2 {@code memory.max}, else v1 {@code memory.limit_in_bytes}), so the
 * readiness checklist can compare it with the JVM's max heap. Empty when there is no limit or no cgroup file.
 */
public final class MemoryLimits {
    static final Path CGROUP_V2 = Path.of("/sys/fs/cgroup/memory.max");
    static final Path CGROUP_V1 = Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    /** cgroup v1 reports "no limit" as a huge page-aligned number. */
    private static final long V1_UNLIMITED = Long.MAX_VALUE / 2;

    private MemoryLimits() {
    }

    public static OptionalLong containerLimitBytes() {
        OptionalLong v2 = read(CGROUP_V2);
        return v2.isPresent() ? v2 : read(CGROUP_V1);
    }

    static OptionalLong read(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return OptionalLong.empty();
            }
            return parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parse(String content) {
        String value = content.trim();
        if (value.isEmpty() || value.equals("max")) {
            return OptionalLong.empty();
        }
        try {
            long bytes = Long.parseLong(value);
            return bytes <= 0 || bytes >= V1_UNLIMITED ? OptionalLong.empty() : OptionalLong.of(bytes);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
