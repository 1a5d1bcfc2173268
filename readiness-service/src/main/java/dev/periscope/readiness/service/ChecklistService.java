package dev.periscope.readiness.service;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.periscope.readiness.checklist.ChecklistEvaluator;
import dev.periscope.readiness.checklist.ChecklistReport;
import dev.periscope.readiness.checklist.ItemChange;
import dev.periscope.readiness.checklist.RuleLoader;
import dev.periscope.readiness.checklist.RuleSet;

/**
 * The live checklist: the rules in force (reloaded when the operator's files change) evaluated over the instance
 * registry. Each evaluation also advances since-when and the counter windows, and tells the listeners which items
 * changed since the previous evaluation.
 */
public class ChecklistService {
    private final InstanceRegistry instances;
    private final RulePackReader reader;
    private final RuleLoader loader = new RuleLoader();
    private final ChecklistEvaluator evaluator;
    private final Clock clock;
    private final AtomicReference<RuleSet> rules;
    private final AtomicReference<String> signature = new AtomicReference<>();
    private final List<Consumer<List<ItemChange>>> listeners = new CopyOnWriteArrayList<>();
    private ChecklistReport last;

    public ChecklistService(InstanceRegistry instances, RulePackReader reader, ChecklistEvaluator evaluator,
            Clock clock) {
        this.instances = instances;
        this.reader = reader;
        this.evaluator = evaluator;
        this.clock = clock;
        this.rules = new AtomicReference<>(RuleSet.empty(clock.instant()));
    }

    /** Reads and compiles every rule file again; rejected rules are in the returned set, the others are in force. */
    public synchronized RuleSet reload() {
        signature.set(reader.signature());
        RulePackReader.Read read = reader.read();
        RuleSet loaded = loader.load(read.sources(), read.unreadable(), clock.instant());
        rules.set(loaded);
        return loaded;
    }

    /** @return true when the operator's rule files changed and were reloaded */
    public synchronized boolean reloadIfChanged() {
        if (reader.signature().equals(signature.get())) {
            return false;
        }
        reload();
        return true;
    }

    public RuleSet rules() {
        return rules.get();
    }

    public synchronized ChecklistReport evaluate() {
        ChecklistReport report = evaluator.evaluate(rules.get(), instances.instances(), clock.instant());
        List<ItemChange> changes = ItemChange.between(last, report);
        last = report;
        if (!changes.isEmpty()) {
            listeners.forEach(listener -> listener.accept(changes));
        }
        return report;
    }

    /** The latest evaluation (evaluating now when there is none yet). */
    public synchronized ChecklistReport latest() {
        return last != null ? last : evaluate();
    }

    /** Called after each evaluation that changed at least one item, on the evaluating thread; must not block. */
    public void onChanges(Consumer<List<ItemChange>> listener) {
        listeners.add(listener);
    }
}
