package dev.periscope.model.config;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated, immutable version of the runtime-configuration document (MongoDB {@code runtime_config},
 * {@code _id: "default"}): {@code {version, updated_at, updated_by, policy{…}, detection{…}}}.
 * <p>
 * Instances come from {@link RuntimeConfigParser#parse} (the only way in from a stored document) or
 * {@link #defaults()}; both go through {@link RuntimeConfigValidator}, so every regex is compiled and every CIDR
 * parsed once, here, and never on the data path.
 */
public final class RuntimeConfig {
    /** Version of the built-in defaults; any stored document (version ≥ 1) replaces them. */
    public static final long DEFAULTS_VERSION = 0;

    private static final RuntimeConfig DEFAULTS = new RuntimeConfig(DEFAULTS_VERSION, null, "defaults",
            Policy.defaults(), Detection.defaults());

    private final long version;
    private final Instant updatedAt;
    private final String updatedBy;
    private final Policy policy;
    private final Detection detection;

    RuntimeConfig(long version, Instant updatedAt, String updatedBy, Policy policy, Detection detection) {
        this.version = version;
        this.updatedAt = updatedAt;
        this.updatedBy = Objects.requireNonNull(updatedBy);
        this.policy = Objects.requireNonNull(policy);
        this.detection = Objects.requireNonNull(detection);
    }

    /** What a service runs with before (or without) a stored document: version 0, every field at its default. */
    public static RuntimeConfig defaults() {
        return DEFAULTS;
    }

    public long version() {
        return version;
    }

    /** The document's {@code updated_at}, when it has one. */
    public Optional<Instant> updatedAt() {
        return Optional.ofNullable(updatedAt);
    }

    /** The document's {@code updated_by}; empty when absent, {@code defaults} for the built-in defaults. */
    public String updatedBy() {
        return updatedBy;
    }

    public Policy policy() {
        return policy;
    }

    public Detection detection() {
        return detection;
    }

    @Override
    public String toString() {
        return "RuntimeConfig[version=" + version + ", updatedBy=" + updatedBy + "]";
    }
}
