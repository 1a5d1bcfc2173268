package dev.periscope.inventory.domain;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which new inventory keys may become documents. Two limits: a global cap on the endpoints of this instance's view
 * (the reference's {@code MONGO_INVENTORY_CARDINALITY_CAP}, a safety net) and a per-project budget, so one noisy
 * project that mints endpoints (unnormalized ids in paths, a scanner) exhausts its own budget and not the others'.
 * A key that already has a document is always admitted; a new key over either limit is refused and its events are
 * counted per project.
 * <p>
 * Pure; not thread-safe (the writer's single consumer thread owns it). A limit of 0 disables it.
 */
public final class CardinalityBudget {
    /** Why a new key was refused. */
    public enum Verdict {
        ADMITTED, KNOWN, OVER_PROJECT_BUDGET, OVER_GLOBAL_CAP
    }

    private final long globalCap;
    private final long projectBudget;
    private final Set<String> known = new HashSet<>();
    private final Map<String, Long> keysPerProject = new HashMap<>();
    private final Map<String, Long> droppedEventsPerProject = new HashMap<>();
    private long keys;
    private long droppedEvents;

    public CardinalityBudget(long globalCap, long projectBudget) {
        if (globalCap < 0 || projectBudget < 0) {
            throw new IllegalArgumentException("cardinality limits must be >= 0");
        }
        this.globalCap = globalCap;
        this.projectBudget = projectBudget;
    }

    public boolean enabled() {
        return globalCap > 0 || projectBudget > 0;
    }

    /** Starting point: how many documents each project already has (from the store). */
    public void seed(Map<String, Long> documentsPerProject) {
        keysPerProject.clear();
        keys = 0;
        documentsPerProject.forEach((project, n) -> {
            keysPerProject.put(project, n);
            keys += n;
        });
    }

    public boolean isKnown(String id) {
        return known.contains(id);
    }

    /** A key the store already has a document for (counted in {@link #seed} or by another instance). */
    public void markExisting(String id) {
        known.add(id);
    }

    /** Decides for a key; an admitted new key counts against both limits from now on. */
    public Verdict admit(String id, String projectId) {
        if (known.contains(id)) {
            return Verdict.KNOWN;
        }
        long projectKeys = keysPerProject.getOrDefault(projectId, 0L);
        if (projectBudget > 0 && projectKeys >= projectBudget) {
            return Verdict.OVER_PROJECT_BUDGET;
        }
        if (globalCap > 0 && keys >= globalCap) {
            return Verdict.OVER_GLOBAL_CAP;
        }
        known.add(id);
        keysPerProject.put(projectId, projectKeys + 1);
        keys++;
        return Verdict.ADMITTED;
    }

    /** Events of refused keys, counted per project. */
    public void recordDropped(String projectId, long events) {
        droppedEventsPerProject.merge(projectId, events, Long::sum);
        droppedEvents += events;
    }

    public long keys() {
        return keys;
    }

    public long keysOf(String projectId) {
        return keysPerProject.getOrDefault(projectId, 0L);
    }

    public long droppedEvents() {
        return droppedEvents;
    }

    public long globalCap() {
        return globalCap;
    }

    public long projectBudget() {
        return projectBudget;
    }

    /** The projects with refused events, most drops first, at most {@code limit}. */
    public Map<String, Long> topDroppedProjects(int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        droppedEventsPerProject.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** How many projects have refused events. */
    public int projectsWithDrops() {
        return droppedEventsPerProject.size();
    }
}
