package dev.periscope.readiness.config;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.periscope.readiness.checklist.ChecklistEvaluator;
import dev.periscope.readiness.checklist.CounterWindow;
import dev.periscope.readiness.service.ChecklistService;
import dev.periscope.readiness.service.InstanceRegistry;
import dev.periscope.readiness.service.RulePackReader;

/** Wires the plain-Java core. */
@ApplicationScoped
public class ReadinessProducers {

    @Produces
    @Singleton
    InstanceRegistry instanceRegistry(ReadinessConfig config) {
        return new InstanceRegistry(Clock.systemUTC(), config.forgetAfter());
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
