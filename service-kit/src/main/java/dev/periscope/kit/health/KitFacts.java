package dev.periscope.kit.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.kit.security.HashSaltGate;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.v1.FactValue;

/** Facts every service reports: runtime, the HASH_SALT in use (never the salt) and where its broker is. */
@ApplicationScoped
public class KitFacts implements HealthFactsContributor {
    private final String bootstrapServers;
    private final HashSaltGate hashSalt;
    private final Clock clock = Clock.systemUTC();

    public KitFacts(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            HashSaltGate hashSalt) {
        this.bootstrapServers = bootstrapServers;
        this.hashSalt = hashSalt;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("runtime.java.version", fact(System.getProperty("java.version")));
        facts.put("runtime.available_processors", fact(Runtime.getRuntime().availableProcessors()));
        facts.put("runtime.max_heap_bytes", fact(Runtime.getRuntime().maxMemory()));
        facts.put("security.hash_salt.configured", fact(true));
        hashSaltFacts(hashSalt.settings(), clock, facts);
        facts.put("kafka.bootstrap.loopback_only", fact(isLoopbackOnly(bootstrapServers)));
    }

    /** Fingerprint and key id of the current salt, and whether a rotation's overlap window is open now. */
    static void hashSaltFacts(HashSaltSettings settings, Clock clock, Map<String, FactValue> facts) {
        facts.put("security.hash_salt.fingerprint", fact(settings.fingerprint()));
        facts.put("security.hash_salt.key_id", fact(settings.keyId()));
        facts.put("security.hash_salt.rotation_overlap", fact(settings.overlapActiveAt(clock.instant())));
    }

    static boolean isLoopbackOnly(String servers) {
        for (String server : servers.split(",")) {
            String host = server.trim().replaceFirst(":\\d+$", "");
            if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
                return false;
            }
        }
        return true;
    }
}
