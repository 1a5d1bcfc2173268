package dev.periscope.kit.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.kit.config.KitConfig;
import dev.periscope.kit.security.HashSaltGate;
import dev.periscope.model.HashSaltSettings;
import dev.periscope.model.v1.FactValue;

/**
 * Facts every service reports: runtime and profile, memory head-room against the container limit, the HASH_SALT in
 * use (length, fingerprint, key id — never the salt) and where its broker is.
 */
@ApplicationScoped
public class KitFacts implements HealthFactsContributor {
    private final String bootstrapServers;
    private final HashSaltGate hashSalt;
    private final String profile;
    private final int hashSaltLength;
    /** Read once: a container's memory limit does not change while the process runs. */
    private final OptionalLong containerLimit = MemoryLimits.containerLimitBytes();
    private final Clock clock = Clock.systemUTC();

    public KitFacts(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.profile") String profile, HashSaltGate hashSalt, KitConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.profile = profile;
        this.hashSalt = hashSalt;
        this.hashSaltLength = config.hashSalt().map(String::length).orElse(0);
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("runtime.java.version", fact(System.getProperty("java.version")));
        facts.put("runtime.available_processors", fact(Runtime.getRuntime().availableProcessors()));
        facts.put("runtime.max_heap_bytes", fact(Runtime.getRuntime().maxMemory()));
        facts.put("runtime.profile", fact(profile));
        memoryFacts(Runtime.getRuntime().maxMemory(), containerLimit, facts);
        facts.put("security.hash_salt.configured", fact(true));
        facts.put("security.hash_salt.length", fact(hashSaltLength));
        hashSaltFacts(hashSalt.settings(), clock, facts);
        facts.put("kafka.bootstrap.loopback_only", fact(isLoopbackOnly(bootstrapServers)));
    }

    static void memoryFacts(long maxHeap, OptionalLong containerLimit, Map<String, FactValue> facts) {
        facts.put("memory.max_heap_bytes", fact(maxHeap));
        facts.put("memory.container_limit_bytes", fact(containerLimit.orElse(0)));
        facts.put("memory.container_limited", fact(containerLimit.isPresent()));
        if (containerLimit.isPresent()) {
            facts.put("memory.heap_to_limit_percent", fact(Math.round(100.0 * maxHeap / containerLimit.getAsLong())));
        }
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
