package dev.periscope.inventory.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.inventory.config.InventoryConfig;
import dev.periscope.inventory.domain.CardinalityBudget;
import dev.periscope.inventory.domain.InventoryBatch.Slot;
import dev.periscope.inventory.repository.InventoryRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies the {@link CardinalityBudget} to a batch: keys not yet known are looked up in the store (one query per
 * batch, only for unknown keys), then admitted or refused; refused events are counted, per project too.
 */
@ApplicationScoped
public class CardinalityGate {
    /** Projects with the most refused events that the health report lists. */
    public static final int TOP = 20;
    private final InventoryRepository repository;
    private final CardinalityBudget budget;
    private final Counter dropped;
    private boolean seeded;
    /** Published after every decision, so the health report never waits for a decision that waits for MongoDB. */
    private volatile Snapshot last;

    public CardinalityGate(InventoryRepository repository, InventoryConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.budget = new CardinalityBudget(config.cardinality().cap(), config.cardinality().projectBudget());
        this.dropped = registry.counter("periscope.events.dropped", "reason", "inventory_cardinality");
        this.last = snapshotNow();
    }

    /**
     * @return the admitted slots, in order; throws the store's exception when it could not be asked (the caller
     *         retries the whole decision, nothing was counted yet)
     */
    public synchronized <S> List<Slot<S>> admit(List<Slot<S>> slots) {
        if (!budget.enabled()) {
            return slots;
        }
        if (!seeded) {
            budget.seed(repository.documentsPerProject());
            seeded = true;
        }
        List<String> unknown = slots.stream().map(Slot::id).filter(id -> !budget.isKnown(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            repository.existingIds(unknown).forEach(budget::markExisting);
        }
        List<Slot<S>> admitted = new ArrayList<>(slots.size());
        for (Slot<S> slot : slots) {
            CardinalityBudget.Verdict verdict = budget.admit(slot.id(), slot.projectId());
            if (verdict == CardinalityBudget.Verdict.OVER_PROJECT_BUDGET
                    || verdict == CardinalityBudget.Verdict.OVER_GLOBAL_CAP) {
                budget.recordDropped(slot.projectId(), slot.eventCount());
                dropped.increment(slot.eventCount());
            } else {
                admitted.add(slot);
            }
        }
        last = snapshotNow();
        return admitted;
    }

    /** After a store outage the store may be a restored one: count it again before the next decision. */
    public synchronized void reseed() {
        seeded = false;
    }

    /** The state after the last decision; {@link Snapshot#topDroppedProjects} holds at most {@link #TOP} projects. */
    public Snapshot snapshot() {
        return last;
    }

    private Snapshot snapshotNow() {
        return new Snapshot(budget.enabled(), budget.globalCap(), budget.projectBudget(), budget.keys(),
                budget.droppedEvents(), budget.projectsWithDrops(), budget.topDroppedProjects(TOP));
    }

    /** What the health report shows. */
    public record Snapshot(boolean enabled, long globalCap, long projectBudget, long keys, long droppedEvents,
            int projectsWithDrops, Map<String, Long> topDroppedProjects) {
    }
}
