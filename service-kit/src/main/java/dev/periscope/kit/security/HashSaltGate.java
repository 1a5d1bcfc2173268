package dev.periscope.kit.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.periscope.kit.config.KitConfig;
import dev.periscope.model.HashSalt;
import dev.periscope.model.SaltedHasher;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/** Refuses to run without a strong HASH_SALT: one log line with the reason, then exit code 78 (EX_CONFIG). */
@ApplicationScoped
public class HashSaltGate {
    public static final int EXIT_CODE_CONFIG = 78;
    private static final Logger LOG = Logger.getLogger(HashSaltGate.class);

    private final KitConfig config;
    private volatile HashSalt salt;

    public HashSaltGate(KitConfig config) {
        this.config = config;
    }

    void checkAtStartup(@Observes @Priority(1) StartupEvent event) {
        try {
            salt = HashSalt.parse(config.hashSalt().orElse(null));
        } catch (HashSalt.WeakHashSaltException e) {
            LOG.error("startup refused: " + e.getMessage());
            Quarkus.asyncExit(EXIT_CODE_CONFIG);
        }
    }

    @Produces
    @Singleton
    SaltedHasher saltedHasher() {
        HashSalt current = salt != null ? salt : HashSalt.parse(config.hashSalt().orElse(null));
        return current.hasher();
    }
}
