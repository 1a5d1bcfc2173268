package dev.periscope.readiness.checklist;

import java.util.List;

/**
 * One rule as written in YAML, validated but not yet compiled. {@code services} empty means every service;
 * {@code exprLine} is the file line the expression text starts on (for compile errors).
 */
public record RuleDefinition(
        String id,
        Section section,
        String title,
        Severity severity,
        List<String> services,
        Scope scope,
        String expr,
        String evidence,
        String doc,
        RuleOrigin origin,
        int exprLine) {

    public boolean appliesTo(String service) {
        return services.isEmpty() || services.contains(service);
    }
}
