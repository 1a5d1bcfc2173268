package dev.periscope.kit.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Kafka is reachable when the cluster answers a metadata request within the probe timeout. */
@ApplicationScoped
public class KafkaProbe implements BackendProbe {
    private final String bootstrapServers;
    private volatile Admin admin;

    public KafkaProbe(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return ProbeResult.up(nodes + " broker(s) at " + bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down("probe interrupted");
        } catch (Exception e) {
            return ProbeResult.down("unreachable at " + bootstrapServers + ": " + e.getClass().getSimpleName());
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.CLIENT_ID_CONFIG, "periscope-health-probe",
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
