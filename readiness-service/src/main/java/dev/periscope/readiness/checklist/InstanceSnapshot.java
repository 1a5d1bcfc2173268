package dev.periscope.readiness.checklist;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.periscope.readiness.domain.InstanceView;

/** One instance as rules see it: its view, its counter growth, whether its report is too old to trust. */
record InstanceSnapshot(InstanceView view, Map<String, Double> increase, boolean stale) {

    String key() {
        return view.service() + "/" + view.instanceId();
    }

    /** The instance-scope variables (also each element of {@code instances}). */
    Map<String, Object> variables() {
        Map<String, Object> vars = new HashMap<>();
        vars.put(RuleVariables.SERVICE, view.service());
        vars.put(RuleVariables.INSTANCE, view.instanceId());
        vars.put(RuleVariables.STATUS, view.status());
        vars.put(RuleVariables.AGE_SECONDS, view.ageSeconds());
        Map<String, Object> facts = new HashMap<>();
        view.facts().forEach((name, value) -> {
            if (value != null) {
                facts.put(name, value);
            }
        });
        vars.put(RuleVariables.FACTS, facts);
        vars.put(RuleVariables.COUNTERS, view.counters());
        vars.put(RuleVariables.INCREASE, increase);
        Map<String, String> backends = new TreeMap<>();
        view.backends().forEach(b -> backends.put(b.name(), b.status()));
        vars.put(RuleVariables.BACKENDS, backends);
        return vars;
    }

    /** Resolves an evidence placeholder: a variable, a fact, {@code counter:name}, {@code increase:name}
     * or {@code increase_sum:name} (the growth of every tagged series of a counter). */
    Object lookup(String name) {
        if (name.startsWith("counter:")) {
            return view.counters().get(name.substring("counter:".length()));
        }
        if (name.startsWith("increase_sum:")) {
            String counter = name.substring("increase_sum:".length());
            return increase.entrySet().stream()
                    .filter(e -> e.getKey().equals(counter) || e.getKey().startsWith(counter + "{"))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
        if (name.startsWith("increase:")) {
            return increase.get(name.substring("increase:".length()));
        }
        return switch (name) {
            case RuleVariables.SERVICE -> view.service();
            case RuleVariables.INSTANCE -> view.instanceId();
            case RuleVariables.STATUS -> view.status();
            case RuleVariables.AGE_SECONDS -> Math.round(view.ageSeconds());
            default -> view.facts().get(name);
        };
    }
}
