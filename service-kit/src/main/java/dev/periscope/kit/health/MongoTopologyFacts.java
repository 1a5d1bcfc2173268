package dev.periscope.kit.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.periscope.kit.config.KitConfig;
import dev.periscope.model.v1.FactValue;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code store.mongodb.replica_set} and {@code store.mongodb.topology} for every service that reads MongoDB (the
 * runtime-config client every service shares). Asked with {@code hello} on a schedule, never on the report path; no
 * fact until the first answer, so an unreachable MongoDB reads as unknown, not as "not a replica set".
 */
@ApplicationScoped
public class MongoTopologyFacts implements HealthFactsContributor {
    private static final Logger LOG = Logger.getLogger(MongoTopologyFacts.class);
    /** A server's topology changes rarely (a migration to a replica set): asked again once a minute. */
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Instance<MongoClient> client;
    private final KitConfig config;
    private volatile MongoTopology topology;
    private volatile long answeredAt;

    public MongoTopologyFacts(Instance<MongoClient> client, KitConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Ticks every 5 s so a failed first ask (MongoDB still starting) is retried soon; answers are kept 60 s. */
    @Scheduled(every = "5s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        if (!config.runtimeConfig().enabled()) {
            return; // this service does not use MongoDB
        }
        long now = System.nanoTime();
        if (topology != null && now - answeredAt < REFRESH_NANOS) {
            return;
        }
        try {
            MongoDatabase admin = client.get().getDatabase("admin")
                    .withTimeout(config.health().probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            topology = MongoTopology.ask(admin);
            answeredAt = now;
        } catch (RuntimeException e) {
            LOG.debugf("MongoDB topology unknown: %s", e.toString());
        }
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        MongoTopology known = topology;
        if (known != null) {
            facts.put("store.mongodb.replica_set", fact(known.replicaSet()));
            facts.put("store.mongodb.replica_set_name", fact(known.setName()));
            facts.put("store.mongodb.topology", fact(known.kind()));
        }
    }
}
