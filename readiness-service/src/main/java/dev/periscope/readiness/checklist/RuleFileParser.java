package dev.periscope.readiness.checklist;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one rule file ({@code rules:} followed by a list of rules) into definitions, keeping the line of every rule.
 * A malformed rule is rejected on its own; a file that is not valid YAML is rejected as a whole.
 */
public final class RuleFileParser {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");
    private static final Set<String> KEYS = Set.of("id", "section", "title", "severity", "services", "scope", "expr",
            "evidence", "doc");

    /** The definitions of one file and what was rejected in it. */
    public record Parsed(List<RuleDefinition> rules, List<RuleRejection> rejected) {
    }

    public Parsed parse(String file, Reader source) {
        List<RuleDefinition> rules = new ArrayList<>();
        List<RuleRejection> rejected = new ArrayList<>();
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(source);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            rejected.add(new RuleRejection(null, new RuleOrigin(file, line), "not valid YAML: " + e.getProblem()));
            return new Parsed(rules, rejected);
        } catch (YAMLException e) {
            rejected.add(new RuleRejection(null, new RuleOrigin(file, 1), "not valid YAML: " + e.getMessage()));
            return new Parsed(rules, rejected);
        }
        if (root == null) {
            return new Parsed(rules, rejected);
        }
        Node list = root instanceof MappingNode mapping ? entries(mapping).get("rules") : null;
        if (!(list instanceof SequenceNode sequence)) {
            rejected.add(new RuleRejection(null, origin(file, root), "expected a top-level 'rules:' list"));
            return new Parsed(rules, rejected);
        }
        for (Node item : sequence.getValue()) {
            try {
                rules.add(rule(file, item));
            } catch (InvalidRule e) {
                rejected.add(new RuleRejection(e.ruleId, e.origin, e.getMessage()));
            }
        }
        return new Parsed(rules, rejected);
    }

    private static RuleDefinition rule(String file, Node node) {
        RuleOrigin origin = origin(file, node);
        if (!(node instanceof MappingNode mapping)) {
            throw new InvalidRule(null, origin, "a rule must be a mapping");
        }
        Map<String, Node> fields = entries(mapping);
        String id = optionalText(fields, "id", null, origin);
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRule(id, origin, "id must match " + ID.pattern());
        }
        for (String key : fields.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidRule(id, origin(file, fields.get(key)), "unknown key '" + key + "' (allowed: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        try {
            String sectionSlug = requiredText(fields, "section", file);
            Section section = Section.bySlug(sectionSlug).orElseThrow(() -> new InvalidRule(id,
                    origin(file, fields.get("section")), "unknown section '" + sectionSlug
                            + "' (security, ha, observability, edge, pipeline)"));
            Severity severity = enumValue(Severity.class, requiredText(fields, "severity", file), "severity",
                    origin(file, fields.get("severity")));
            Scope scope = enumValue(Scope.class, optionalText(fields, "scope", "instance", origin), "scope",
                    fields.containsKey("scope") ? origin(file, fields.get("scope")) : origin);
            Node expr = fields.get("expr");
            String exprText = requiredText(fields, "expr", file);
            return new RuleDefinition(id, section, requiredText(fields, "title", file), severity,
                    services(fields.get("services"), file), scope, exprText,
                    optionalText(fields, "evidence", "", origin), optionalText(fields, "doc", "", origin), origin,
                    exprStartLine(expr));
        } catch (InvalidRule e) {
            throw e.ruleId == null ? new InvalidRule(id, e.origin, e.getMessage()) : e;
        } catch (MissingField e) {
            throw new InvalidRule(id, origin, "missing required '" + e.getMessage() + "'");
        }
    }

    private static Map<String, Node> entries(MappingNode mapping) {
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                entries.put(key.getValue(), tuple.getValueNode());
            }
        }
        return entries;
    }

    private static String requiredText(Map<String, Node> fields, String key, String file) {
        Node node = fields.get(key);
        if (node == null) {
            throw new MissingField(key);
        }
        String text = scalar(node, key, origin(file, node));
        if (text.isBlank()) {
            throw new InvalidRule(null, origin(file, node), "'" + key + "' must not be empty");
        }
        return text.strip();
    }

    private static String optionalText(Map<String, Node> fields, String key, String fallback, RuleOrigin origin) {
        Node node = fields.get(key);
        return node == null ? fallback : scalar(node, key, new RuleOrigin(origin.file(),
                node.getStartMark().getLine() + 1)).strip();
    }

    private static String scalar(Node node, String key, RuleOrigin origin) {
        if (!(node instanceof ScalarNode scalar)) {
            throw new InvalidRule(null, origin, "'" + key + "' must be a plain value");
        }
        return scalar.getValue();
    }

    private static List<String> services(Node node, String file) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().equals("*") ? List.of() : List.of(scalar.getValue());
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw new InvalidRule(null, origin(file, node), "'services' must be a list of service names or '*'");
        }
        List<String> names = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String name = scalar(item, "services", origin(file, item)).strip();
            if (name.equals("*")) {
                return List.of();
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String key, RuleOrigin origin) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRule(null, origin, "unknown " + key + " '" + text + "'");
        }
    }

    /** The file line (1-based) the expression text starts on; a block scalar starts on the line after its marker. */
    private static int exprStartLine(Node expr) {
        int line = expr.getStartMark().getLine() + 1;
        if (expr instanceof ScalarNode scalar && (scalar.getScalarStyle() == ScalarStyle.LITERAL
                || scalar.getScalarStyle() == ScalarStyle.FOLDED)) {
            return line + 1;
        }
        return line;
    }

    private static RuleOrigin origin(String file, Node node) {
        return new RuleOrigin(file, node.getStartMark().getLine() + 1);
    }

    private static final class InvalidRule extends RuntimeException {
        private final String ruleId;
        private final RuleOrigin origin;

        InvalidRule(String ruleId, RuleOrigin origin, String message) {
            super(message, null, false, false);
            this.ruleId = ruleId;
            this.origin = origin;
        }
    }

    private static final class MissingField extends RuntimeException {
        MissingField(String field) {
            super(field, null, false, false);
        }
    }
}
