package dev.periscope.readiness.checklist;

/** The text of one rule file and the name errors refer to it by. */
public record RuleSource(String name, String text) {
}
