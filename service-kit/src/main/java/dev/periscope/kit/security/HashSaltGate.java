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
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to run without a strong HASH_SALT: one log line with the reason, then exit code 78 (EX_CONFIG). The
 * check runs at the first of the start-up event or the first bean that needs the hasher (the gateway's mapper is
 * built while the gRPC server starts, before the start-up event), and halts the JVM on the spot: under a refused
 * salt nothing may start, no consumer may join its group.
 */
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
        salt();
    }

    @Produces
    @Singleton
    SaltedHasher saltedHasher() {
        return salt().hasher();
    }

    private HashSalt salt() {
        HashSalt current = salt;
        if (current == null) {
            try {
                current = HashSalt.parse(config.hashSalt().orElse(null));
            } catch (HashSalt.WeakHashSaltException e) {
                refuse(e.getMessage());
            }
            salt = current;
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
