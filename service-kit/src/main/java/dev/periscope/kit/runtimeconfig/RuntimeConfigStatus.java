package dev.periscope.kit.runtimeconfig;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.periscope.model.config.RuntimeConfig;

/**
 * One consistent snapshot of the runtime-configuration state: the active (last-good) config and how the last
 * reads went.
 *
 * @param config              the active config
 * @param source              {@link #SOURCE_DEFAULTS} until a stored document was applied, then {@link #SOURCE_MONGODB}
 * @param appliedAt           when the active config was applied (the holder's creation for the defaults)
 * @param lastCheckAt         when the document was last read or a read failed; null before the first attempt
 * @param consecutiveFailures failed reads (unreachable store or invalid document) since the last good read
 * @param lastError           the error of the last failed read; empty after a good read
 * @param lastErrorAt         when that error happened; null when there is none
 * @param warnings            warnings of the active config (unknown fields, …)
 */
public record RuntimeConfigStatus(RuntimeConfig config, String source, Instant appliedAt, Instant lastCheckAt,
        long consecutiveFailures, String lastError, Instant lastErrorAt, List<String> warnings) {
    public static final String SOURCE_DEFAULTS = "defaults";
    public static final String SOURCE_MONGODB = "mongodb";

    public RuntimeConfigStatus {
        warnings = List.copyOf(warnings);
    }

    public Optional<Instant> lastCheck() {
        return Optional.ofNullable(lastCheckAt);
    }
}
