package dev.periscope.kit.security;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.periscope.kit.config.KitConfig;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.RotatingHasher;
import dev.periscope.model.SaltedHasher;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to run without valid HASH_SALT settings: one log line with the reason, then exit code 78 (EX_CONFIG).
 * The settings are HASH_SALT and, for a rotation, HASH_SALT_KEY_ID, HASH_SALT_PREVIOUS,
 * HASH_SALT_PREVIOUS_KEY_ID and HASH_SALT_OVERLAP_UNTIL (rules: {@link HashSaltSettings}). The check runs at the
 * first of the start-up event or the first bean that needs a hasher (the gateway's mapper is built while the gRPC
 * server starts, before the start-up event), and halts the JVM on the spot: under refused settings nothing may
 * start, no consumer may join its group.
 */
@ApplicationScoped
public class HashSaltGate {
    public static final int EXIT_CODE_CONFIG = 78;
    private static final Logger LOG = Logger.getLogger(HashSaltGate.class);

    private final KitConfig config;
    private volatile HashSaltSettings settings;

    public HashSaltGate(KitConfig config) {
        this.config = config;
    }

    void checkAtStartup(@Observes @Priority(1) StartupEvent event) {
        HashSaltSettings checked = settings();
        checked.overlapUntil().ifPresent(deadline -> LOG.infof(
                "HASH_SALT rotation: key id %s, previous key id %s, previous hashes written until %s%s",
                checked.keyId(), checked.previousKeyId().orElse(""), deadline,
                checked.overlapActiveAt(Clock.systemUTC().instant()) ? "" : " (already over)"));
    }

    /** The current salt's hasher, for code that needs no rotation (hash equality with the current key). */
    @Produces
    @Singleton
    SaltedHasher saltedHasher() {
        return settings().salt().hasher();
    }

    /** The rotation-aware hasher: current hash always, previous hash during the overlap window. */
    @Produces
    @Singleton
    RotatingHasher rotatingHasher() {
        return settings().hasher(Clock.systemUTC());
    }

    /** The validated settings (fingerprint, key ids, deadline) for health facts. */
    public HashSaltSettings settings() {
        HashSaltSettings current = settings;
        if (current == null) {
            try {
                current = HashSaltSettings.parse(config.hashSalt().orElse(null), config.hashSaltKeyId().orElse(null),
                        config.hashSaltPrevious().orElse(null), config.hashSaltPreviousKeyId().orElse(null),
                        config.hashSaltOverlapUntil().orElse(null));
            } catch (IllegalArgumentException e) {
                refuse(e.getMessage());
            }
            settings = current;
        }
        return current;
    }

    private static void refuse(String reason) {
        LOG.error("startup refused: " + reason);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_CODE_CONFIG);
    }
}
