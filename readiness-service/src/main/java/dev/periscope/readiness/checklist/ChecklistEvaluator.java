package dev.periscope.readiness.checklist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.periscope.readiness.domain.InstanceView;

/**
 * Evaluates every rule over the latest instance views. Per evaluation: the expression holds → pass, does not hold →
 * the rule's severity, cannot be decided (a missing fact, a type clash) → unknown. An instance whose report is older
 * than the stale limit yields unknown for instance rules and is left out of service and fleet rules. An item is as
 * bad as its worst evidence; with no evidence at all (nothing reports) it is unknown. Keeps since-when per item and
 * per subject between calls, so one evaluator must be used by one caller at a time.
 */
public final class ChecklistEvaluator {
    static final String FLEET = "fleet";

    private final Duration staleAfter;
    private final CounterWindow counterWindow;
    private final StatusHistory history = new StatusHistory();

    public ChecklistEvaluator(Duration staleAfter, CounterWindow counterWindow) {
        this.staleAfter = staleAfter;
        this.counterWindow = counterWindow;
    }

    public synchronized ChecklistReport evaluate(RuleSet rules, List<InstanceView> views, Instant now) {
        List<InstanceSnapshot> instances = snapshots(views, now);
        List<ChecklistItem> items = new ArrayList<>();
        Set<String> historyKeys = new HashSet<>();
        for (CompiledRule rule : rules.rules()) {
            RuleDefinition definition = rule.definition();
            List<InstanceSnapshot> applicable = instances.stream()
                    .filter(i -> definition.appliesTo(i.view().service())).toList();
            List<Evidence> evidence = switch (definition.scope()) {
                case INSTANCE -> perInstance(rule, applicable);
                case SERVICE -> perService(rule, applicable);
                case FLEET -> fleet(rule, applicable);
            };
            if (evidence.isEmpty()) {
                evidence = List.of(new Evidence(FLEET, ItemStatus.UNKNOWN, "no instance reports", null));
            }
            List<Evidence> dated = new ArrayList<>();
            ItemStatus status = ItemStatus.PASS;
            for (Evidence e : evidence) {
                String key = definition.id() + "|" + e.subject();
                historyKeys.add(key);
                dated.add(e.withSince(history.record(key, e.status(), now)));
                status = ItemStatus.worst(status, e.status());
            }
            historyKeys.add(definition.id());
            Instant since = history.record(definition.id(), status, now);
            items.add(new ChecklistItem(definition.id(), definition.section(), definition.title(),
                    definition.severity(), definition.scope(), definition.services(), status, since,
                    List.copyOf(dated), definition.doc(), definition.origin().toString()));
        }
        history.retain(historyKeys);
        return new ChecklistReport(Verdict.of(items.stream().map(ChecklistItem::status).toList()), now,
                List.copyOf(items));
    }

    private List<InstanceSnapshot> snapshots(List<InstanceView> views, Instant now) {
        List<InstanceSnapshot> snapshots = new ArrayList<>();
        for (InstanceView view : views) {
            String key = view.service() + "/" + view.instanceId();
            Map<String, Double> increase = counterWindow.increase(key, view.startedAt(), view.lastReportAt(),
                    view.counters(), now);
            snapshots.add(new InstanceSnapshot(view, increase, view.ageSeconds() > staleAfter.toSeconds()));
        }
        counterWindow.retain(snapshots.stream().map(InstanceSnapshot::key).collect(Collectors.toSet()));
        return snapshots;
    }

    private List<Evidence> perInstance(CompiledRule rule, List<InstanceSnapshot> applicable) {
        List<Evidence> evidence = new ArrayList<>();
        for (InstanceSnapshot instance : applicable) {
            if (instance.stale()) {
                evidence.add(stale(instance));
                continue;
            }
            evidence.add(judge(rule, instance.key(), instance.variables(), instance::lookup));
        }
        evidence.addAll(silentServices(rule.definition(), applicable));
        return evidence;
    }

    private List<Evidence> perService(CompiledRule rule, List<InstanceSnapshot> applicable) {
        Map<String, List<InstanceSnapshot>> byService = new TreeMap<>();
        applicable.forEach(i -> byService.computeIfAbsent(i.view().service(), s -> new ArrayList<>()).add(i));
        List<Evidence> evidence = new ArrayList<>();
        byService.forEach((service, members) -> {
            List<InstanceSnapshot> fresh = members.stream().filter(i -> !i.stale()).toList();
            if (fresh.isEmpty()) {
                evidence.add(new Evidence(service, ItemStatus.UNKNOWN, "no fresh report from " + service
                        + " (" + members.size() + " stale)", null));
                return;
            }
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put(RuleVariables.SERVICE, service);
            vars.put(RuleVariables.INSTANCES, fresh.stream().map(InstanceSnapshot::variables).toList());
            evidence.add(judge(rule, service, vars, name -> groupLookup(name, service, fresh)));
        });
        evidence.addAll(silentServices(rule.definition(), applicable));
        return evidence;
    }

    private List<Evidence> fleet(CompiledRule rule, List<InstanceSnapshot> applicable) {
        List<InstanceSnapshot> fresh = applicable.stream().filter(i -> !i.stale()).toList();
        if (fresh.isEmpty()) {
            return List.of(new Evidence(FLEET, ItemStatus.UNKNOWN, "no fresh report from any instance it applies to",
                    null));
        }
        Map<String, Object> vars = Map.of(RuleVariables.INSTANCES,
                fresh.stream().map(InstanceSnapshot::variables).toList());
        return List.of(judge(rule, FLEET, vars, name -> groupLookup(name, null, fresh)));
    }

    /** Services a rule names explicitly that have no instance at all: unknown, never a silent pass. */
    private static List<Evidence> silentServices(RuleDefinition definition, List<InstanceSnapshot> applicable) {
        Set<String> reporting = applicable.stream().map(i -> i.view().service()).collect(Collectors.toSet());
        return definition.services().stream().filter(s -> !reporting.contains(s))
                .map(s -> new Evidence(s, ItemStatus.UNKNOWN, "no instance of " + s + " reports", null))
                .toList();
    }

    private Evidence stale(InstanceSnapshot instance) {
        return new Evidence(instance.key(), ItemStatus.UNKNOWN, String.format("report is %d s old (stale after %d s)",
                Math.round(instance.view().ageSeconds()), staleAfter.toSeconds()), null);
    }

    private static Evidence judge(CompiledRule rule, String subject, Map<String, ?> vars,
            Function<String, Object> lookup) {
        RuleDefinition definition = rule.definition();
        CompiledRule.Outcome outcome = rule.evaluate(vars);
        if (outcome instanceof CompiledRule.Undecided undecided) {
            return new Evidence(subject, ItemStatus.UNKNOWN, undecided.reason(), null);
        }
        ItemStatus status = outcome instanceof CompiledRule.Holds ? ItemStatus.PASS
                : definition.severity().violation();
        String message = definition.evidence().isEmpty()
                ? (status == ItemStatus.PASS ? "holds" : "violated")
                : EvidenceTemplate.render(definition.evidence(), lookup);
        return new Evidence(subject, status, message, null);
    }

    /**
     * Placeholders of service and fleet rules: {@code service}, {@code count}, {@code instances} (ids) and
     * {@code values:<fact>} (the distinct values of a fact across the instances).
     */
    private static Object groupLookup(String name, String service, List<InstanceSnapshot> members) {
        if (name.startsWith("values:")) {
            String fact = name.substring("values:".length());
            return members.stream().map(i -> Objects.toString(i.view().facts().get(fact), "?"))
                    .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
        }
        return switch (name) {
            case RuleVariables.SERVICE -> service;
            case "count" -> members.size();
            case RuleVariables.INSTANCES -> members.stream().map(InstanceSnapshot::key)
                    .collect(Collectors.joining(", "));
            default -> null;
        };
    }
}
