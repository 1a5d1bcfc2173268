package dev.periscope.readiness.checklist;

/**
 * The variables a rule expression sees. Instance scope: {@code service}, {@code instance}, {@code status}
 * (UP|DEGRADED|DOWN), {@code age_seconds}, {@code facts} (name → bool|int|double|string), {@code counters} (name →
 * value since process start), {@code increase} (name → growth over the counter window) and {@code backends} (name →
 * status). Service scope: {@code service} and {@code instances}; fleet scope: {@code instances} — each a map with the
 * instance-scope variables as keys.
 */
public final class RuleVariables {
    public static final String SERVICE = "service";
    public static final String INSTANCE = "instance";
    public static final String STATUS = "status";
    public static final String AGE_SECONDS = "age_seconds";
    public static final String FACTS = "facts";
    public static final String COUNTERS = "counters";
    public static final String INCREASE = "increase";
    public static final String BACKENDS = "backends";
    public static final String INSTANCES = "instances";

    private RuleVariables() {
    }
}
