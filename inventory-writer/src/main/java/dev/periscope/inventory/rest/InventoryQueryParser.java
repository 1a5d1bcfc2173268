package dev.periscope.inventory.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the query parameters of the list endpoints into an {@link InventoryQuery}, or into every problem with them
 * at once (each becomes an {@code invalid_params} entry of the 400 problem). Pure; unknown parameters are errors,
 * so a typo never silently widens a query.
 */
public final class InventoryQueryParser {
    public static final Set<String> PARAMETERS = Set.of("project", "method", "protocol", "risk_flag", "category",
            "pii_category", "host_prefix", "path_prefix", "min_risk", "max_risk", "min_seen", "last_seen_from",
            "last_seen_to", "confirmed", "sort", "order", "limit", "offset");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final int MAX_PREFIX = 512;

    private InventoryQueryParser() {
    }

    /** One invalid parameter: its name and why. */
    public record InvalidParam(String name, String reason) {
    }

    /** Either a query or the reasons there is none. */
    public record Result(InventoryQuery query, List<InvalidParam> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public static Result parse(Map<String, List<String>> params) {
        Parsing p = new Parsing(params);
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                p.error(name, "unknown parameter; known: " + String.join(", ", new java.util.TreeSet<>(PARAMETERS)));
            }
        }
        String project = p.project();
        List<String> methods = p.methods();
        String protocol = p.string("protocol", 32);
        String riskFlag = p.label("risk_flag");
        String category = p.label("category");
        String piiCategory = p.label("pii_category");
        String hostPrefix = p.string("host_prefix", MAX_PREFIX);
        String pathPrefix = p.string("path_prefix", MAX_PREFIX);
        Integer minRisk = p.integer("min_risk", 0, 100);
        Integer maxRisk = p.integer("max_risk", 0, 100);
        if (minRisk != null && maxRisk != null && minRisk > maxRisk) {
            p.error("max_risk", "must not be below min_risk");
        }
        Integer minSeen = p.integer("min_seen", 0, Integer.MAX_VALUE);
        Instant from = p.instant("last_seen_from");
        Instant to = p.instant("last_seen_to");
        if (from != null && to != null && from.isAfter(to)) {
            p.error("last_seen_to", "must not be before last_seen_from");
        }
        Boolean confirmed = p.bool("confirmed");
        InventoryQuery.Sort sort = InventoryQuery.Sort.LAST_SEEN;
        String sortValue = p.single("sort");
        if (sortValue != null) {
            sort = InventoryQuery.Sort.of(sortValue);
            if (sort == null) {
                p.error("sort", "one of last_seen, first_seen, seen_count, max_risk_score, max_posture_score, "
                        + "normalized_path");
            }
        }
        boolean ascending = false;
        String order = p.single("order");
        if (order != null) {
            if (!order.equals("asc") && !order.equals("desc")) {
                p.error("order", "asc or desc");
            }
            ascending = order.equals("asc");
        }
        Integer limit = p.integer("limit", 1, InventoryQuery.MAX_LIMIT);
        Integer offset = p.integer("offset", 0, InventoryQuery.MAX_OFFSET);
        if (!p.errors.isEmpty()) {
            return new Result(null, List.copyOf(p.errors));
        }
        return new Result(new InventoryQuery(project, methods, protocol, riskFlag, category, piiCategory, hostPrefix,
                pathPrefix, minRisk, maxRisk, minSeen == null ? null : minSeen.longValue(), from, to, confirmed, sort,
                ascending, limit == null ? InventoryQuery.DEFAULT_LIMIT : limit, offset == null ? 0 : offset),
                List.of());
    }

    /** Only {@code project} (for the single-document and project-wide lenses). */
    public static List<InvalidParam> checkProject(String project) {
        Parsing p = new Parsing(project == null ? Map.of() : Map.of("project", List.of(project)));
        p.project();
        return List.copyOf(p.errors);
    }

    private static final class Parsing {
        private final Map<String, List<String>> params;
        private final List<InvalidParam> errors = new ArrayList<>();

        Parsing(Map<String, List<String>> params) {
            this.params = params;
        }

        void error(String name, String reason) {
            errors.add(new InvalidParam(name, reason));
        }

        String single(String name) {
            List<String> values = params.get(name);
            if (values == null || values.isEmpty()) {
                return null;
            }
            if (values.size() > 1) {
                error(name, "given more than once");
                return null;
            }
            return values.get(0);
        }

        String project() {
            String project = single("project");
            if (project == null || project.isBlank()) {
                error("project", "required: every query is scoped to one project");
                return null;
            }
            if (project.length() > 256) {
                error("project", "at most 256 characters");
            }
            return project;
        }

        List<String> methods() {
            String value = single("method");
            if (value == null) {
                return List.of();
            }
            List<String> methods = new ArrayList<>();
            for (String method : value.split(",")) {
                String upper = method.strip().toUpperCase(Locale.ROOT);
                if (!METHOD.matcher(upper).matches()) {
                    error("method", "an HTTP method, or several separated by commas");
                    return List.of();
                }
                methods.add(upper);
            }
            return List.copyOf(methods);
        }

        String string(String name, int maxLength) {
            String value = single(name);
            if (value != null && (value.isEmpty() || value.length() > maxLength)) {
                error(name, "1 to " + maxLength + " characters");
                return null;
            }
            return value;
        }

        String label(String name) {
            String value = single(name);
            if (value != null && !LABEL.matcher(value).matches()) {
                error(name, "a label of letters, digits, '_' and '-' (at most 64)");
                return null;
            }
            return value;
        }

        Integer integer(String name, int min, int max) {
            String value = single(name);
            if (value == null) {
                return null;
            }
            try {
                int n = Integer.parseInt(value.strip());
                if (n < min || n > max) {
                    error(name, "between " + min + " and " + max);
                    return null;
                }
                return n;
            } catch (NumberFormatException e) {
                error(name, "an integer between " + min + " and " + max);
                return null;
            }
        }

        Boolean bool(String name) {
            String value = single(name);
            if (value == null) {
                return null;
            }
            if (!value.equals("true") && !value.equals("false")) {
                error(name, "true or false");
                return null;
            }
            return Boolean.valueOf(value);
        }

        Instant instant(String name) {
            String value = single(name);
            if (value == null) {
                return null;
            }
            try {
                if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                    return Instant.ofEpochMilli(Long.parseLong(value));
                }
                return Instant.parse(value);
            } catch (DateTimeParseException | NumberFormatException e) {
                error(name, "an ISO-8601 instant (2026-01-31T12:00:00Z) or epoch milliseconds");
                return null;
            }
        }
    }
}
