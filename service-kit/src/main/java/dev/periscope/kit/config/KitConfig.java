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

    /** Key id of HASH_SALT written as {@code hash_key_id} (env HASH_SALT_KEY_ID); default: the salt's fingerprint. */
    @WithName("hash-salt-key-id")
    Optional<String> hashSaltKeyId();

    /**
     * The salt being replaced during a rotation (env HASH_SALT_PREVIOUS): until {@link #hashSaltOverlapUntil()}
     * every hash is also written with it ({@code *_previous} fields). Same strength rules as HASH_SALT.
     */
    @WithName("hash-salt-previous")
    Optional<String> hashSaltPrevious();

    /** Key id of the previous salt (env HASH_SALT_PREVIOUS_KEY_ID); default: its fingerprint. */
    @WithName("hash-salt-previous-key-id")
    Optional<String> hashSaltPreviousKeyId();

    /**
     * End of the rotation's overlap window, an ISO-8601 instant such as {@code 2026-12-31T00:00:00Z} (env
     * HASH_SALT_OVERLAP_UNTIL); required with, and only with, a previous salt.
     */
    @WithName("hash-salt-overlap-until")
    Optional<String> hashSaltOverlapUntil();

    Health health();

    /** The versioned runtime-configuration document every service polls from MongoDB. */
    @WithName("runtime-config")
    RuntimeConfigSettings runtimeConfig();

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

    interface RuntimeConfigSettings {
        /** Poll the document at all; off means the built-in defaults stay active (env PERISCOPE_RUNTIME_CONFIG_ENABLED). */
        @WithDefault("true")
        boolean enabled();

        /** How often the document is re-read (env RUNTIME_CONFIG_POLL_INTERVAL); 0 loads it once at startup. */
        @WithName("poll-interval")
        @WithDefault("2m")
        Duration pollInterval();

        /** Database of the document (env MONGO_DATABASE, via quarkus.mongodb.database). */
        @WithDefault("${quarkus.mongodb.database:periscope}")
        String database();

        /** Collection of the singleton document {@code _id: "default"} (env MONGO_CONFIG_COLLECTION). */
        @WithDefault("runtime_config")
        String collection();

        /**
         * How long startup waits for the first read before it goes on with the built-in defaults (the read then
         * completes in the background); an unreachable MongoDB never stops a service from starting.
         */
        @WithName("startup-wait")
        @WithDefault("5s")
        Duration startupWait();
    }
}
