package dev.periscope.enricher.classify.path;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A suggestion that a normalization rule is missing: under {@code prefix} more than the threshold of distinct
 * literal last segments appeared within one window.
 *
 * @param samples up to three of those segments (each cut to 64 characters), to help write the rule
 */
public record NormalizeGap(String projectId, String prefix, int distinctLiterals, Instant windowStart,
        Instant detectedAt, List<String> samples) {
    public NormalizeGap {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(prefix, "prefix");
        samples = List.copyOf(samples);
    }
}
