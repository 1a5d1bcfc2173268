package dev.periscope.readiness.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.RuleRejection;
import dev.periscope.readiness.checklist.RuleSet;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the checklist live: logs the rules loaded at start-up, then on every tick reloads the operator's rule files
 * when they changed and re-evaluates (so since-when, counter windows and metrics move without a caller).
 */
@ApplicationScoped
public class ChecklistRefresher {
    private static final Logger LOG = Logger.getLogger(ChecklistRefresher.class);

    private final ChecklistService checklist;
    private final ChecklistMetrics metrics;

    public ChecklistRefresher(ChecklistService checklist, ChecklistMetrics metrics) {
        this.checklist = checklist;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        logLoaded(checklist.rules());
    }

    @Scheduled(every = "${periscope.readiness.evaluate-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (checklist.reloadIfChanged()) {
            logLoaded(checklist.rules());
        }
        ChecklistReport report = checklist.evaluate();
        metrics.record(report);
    }

    static void logLoaded(RuleSet rules) {
        LOG.infof("checklist: %d rules loaded, %d rejected", rules.rules().size(), rules.rejected().size());
        for (RuleRejection rejection : rules.rejected()) {
            LOG.warnf("checklist rule rejected: %s", rejection);
        }
    }
}
