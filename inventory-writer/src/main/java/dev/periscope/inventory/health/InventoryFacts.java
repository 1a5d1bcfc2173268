package dev.periscope.inventory.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/** Facts the readiness checklist reads: which MongoDB this is (embedded stand-in or not) and batch sizing. */
@ApplicationScoped
public class InventoryFacts implements HealthFactsContributor {
    private final MongoProbe mongo;
    private final int maxPollRecords;

    public InventoryFacts(MongoProbe mongo,
            @ConfigProperty(name = "mp.messaging.incoming.access-enriched.max.poll.records", defaultValue = "500")
            int maxPollRecords) {
        this.mongo = mongo;
        this.maxPollRecords = maxPollRecords;
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("store.mongodb.database", fact(mongo.database()));
        facts.put("inventory.batch.max_records", fact(maxPollRecords));
        mongo.serverInfo().ifPresent(info -> {
            facts.put("store.mongodb.embedded", fact(info.embedded()));
            facts.put("store.mongodb.version", fact(info.version()));
        });
    }
}
