package dev.periscope.readiness.checklist;

/**
 * What one evaluation of a rule looks at: one instance, all instances of one service, or every instance the rule
 * applies to at once (cross-instance checks such as "same HASH_SALT fingerprint everywhere").
 */
public enum Scope {
    INSTANCE, SERVICE, FLEET
}
