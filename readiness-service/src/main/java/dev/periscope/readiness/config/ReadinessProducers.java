package dev.periscope.readiness.config;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.periscope.readiness.checklist.ChecklistEvaluator;
import dev.periscope.readiness.checklist.CounterWindow;
import dev.periscope.readiness.checklist.ItemHistory;
import dev.periscope.readiness.service.ChecklistService;
import dev.periscope.readiness.service.InstanceRegistry;
import dev.periscope.readiness.service.RulePackReader;
import io.quarkus.runtime.StartupEvent;

/** Wires the plain-Java core. */
@ApplicationScoped
public class ReadinessProducers {

    @Produces
    @Singleton
    InstanceRegistry instanceRegistry(ReadinessConfig config) {
        return new InstanceRegistry(Clock.systemUTC(), config.forgetAfter());
    }

    /** The last 50 changes of every item, fed by every evaluation that changes something. */
    @Produces
    @Singleton
    ItemHistory itemHistory(ChecklistService checklist) {
        ItemHistory history = new ItemHistory(50);
        checklist.onChanges(history::record);
        return history;
    }

    /** Subscribes the history at start-up, not at the first request that asks for it. */
    void startHistory(@Observes StartupEvent event, ItemHistory history) {
    }

    @Produces
    @Singleton
    ChecklistService checklistService(InstanceRegistry instances, ReadinessConfig config) {
        RulePackReader reader = new RulePackReader(config.rules().defaultPack(), config.rules().dir().map(Path::of));
        ChecklistEvaluator evaluator = new ChecklistEvaluator(config.staleAfter(),
                new CounterWindow(config.counterWindow()));
        ChecklistService checklist = new ChecklistService(instances, reader, evaluator, Clock.systemUTC());
        checklist.reload();
        return checklist;
    }
}
