package dev.periscope.kit.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this process is: service name, instance id, version, start time. */
@ApplicationScoped
public class InstanceIdentity {
    private final String service;
    private final String instanceId;
    private final String version;
    private final Instant startedAt = Instant.now();

    public InstanceIdentity(@ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
            KitConfig config) {
        this.service = service;
        this.version = version;
        this.instanceId = config.instanceId().filter(id -> !id.isBlank()).orElseGet(InstanceIdentity::hostName);
    }

    public String service() {
        return service;
    }

    public String instanceId() {
        return instanceId;
    }

    public String version() {
        return version;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** CloudEvents {@code ce_source} of everything this instance publishes. */
    public String eventSource() {
        return "/" + service + "/" + instanceId;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
