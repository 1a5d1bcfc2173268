package dev.periscope.readiness.checklist;

/** Where a rule was written: its file and 1-based line, for error messages and the API. */
public record RuleOrigin(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
