package dev.periscope.kit.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.model.v1.FactValue;

/** Facts every service reports: runtime and where its broker is. */
@ApplicationScoped
public class KitFacts implements HealthFactsContributor {
    private final String bootstrapServers;

    public KitFacts(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("runtime.java.version", fact(System.getProperty("java.version")));
        facts.put("runtime.available_processors", fact(Runtime.getRuntime().availableProcessors()));
        facts.put("runtime.max_heap_bytes", fact(Runtime.getRuntime().maxMemory()));
        facts.put("security.hash_salt.configured", fact(true));
        facts.put("kafka.bootstrap.loopback_only", fact(isLoopbackOnly(bootstrapServers)));
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
