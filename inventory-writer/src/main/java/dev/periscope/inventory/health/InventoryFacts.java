package dev.periscope.inventory.health;

import static dev.periscope.kit.health.HealthFactsContributor.fact;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;


import dev.periscope.inventory.config.InventoryConfig;
import dev.periscope.inventory.service.CardinalityGate;
import dev.periscope.kit.health.HealthFactsContributor;
import dev.periscope.model.v1.FactValue;

/**
 * Facts the readiness checklist reads: which MongoDB this is (embedded stand-in or not), batch sizing, and the
 * cardinality budgets with the events they refused, per project (the projects with the most drops).
 */
@ApplicationScoped
public class InventoryFacts implements HealthFactsContributor {
    public static final String DROPPED_PREFIX = "inventory.cardinality.dropped_events.";

    private final MongoProbe mongo;
    private final CardinalityGate cardinality;
    private final int maxPollRecords;

    public InventoryFacts(MongoProbe mongo, CardinalityGate cardinality, InventoryConfig config) {
        this.mongo = mongo;
        this.cardinality = cardinality;
        this.maxPollRecords = config.kafka().maxPollRecords();
    }

    @Override
    public void contribute(Map<String, FactValue> facts) {
        facts.put("store.mongodb.database", fact(mongo.database()));
        facts.put("inventory.batch.max_records", fact(maxPollRecords));
        mongo.serverInfo().ifPresent(info -> {
            facts.put("store.mongodb.embedded", fact(info.embedded()));
            facts.put("store.mongodb.version", fact(info.version()));
        });
        CardinalityGate.Snapshot budget = cardinality.snapshot();
        facts.put("inventory.cardinality.cap", fact(budget.globalCap()));
        facts.put("inventory.cardinality.project_budget", fact(budget.projectBudget()));
        facts.put("inventory.cardinality.keys", fact(budget.keys()));
        facts.put("inventory.cardinality.dropped_events", fact(budget.droppedEvents()));
        facts.put("inventory.cardinality.projects_over_budget", fact(budget.projectsWithDrops()));
        budget.topDroppedProjects().forEach((project, events) -> facts.put(DROPPED_PREFIX + project, fact(events)));
    }
}
