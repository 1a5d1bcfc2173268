package dev.periscope.kit.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings every service shares; each service adds its own mapping under {@code periscope.<service>}. */
@ConfigMapping(prefix = "periscope")
public interface KitConfig {

    /** Identifies this replica in health reports and on events; defaults to the host name. */
    @WithName("instance-id")
    Optional<String> instanceId();

    /** The secret of every salted hash (env HASH_SALT); startup fails when it is missing or weak. */
    @WithName("hash-salt")
    Optional<String> hashSalt();

    Health health();

    interface Health {
        /** How often a HealthReport is published even when nothing changed. */
        @WithDefault("5s")
        Duration interval();

        /** How often backends are probed; /readyz answers from the last probe. */
        @WithName("probe-interval")
        @WithDefault("2s")
        Duration probeInterval();

        /** Budget of one backend probe. */
        @WithName("probe-timeout")
        @WithDefault("2s")
        Duration probeTimeout();
    }
}
