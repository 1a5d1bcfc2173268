package dev.periscope.model.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The path-templating part of {@code policy} (flat fields in the document): operator rules, learned templating
 * and the segments that never template.
 *
 * @param rules                 {@code path_normalize_patterns}: whole-segment regex → placeholder, tried in order
 *                              after the built-ins (≤{@value #MAX_RULES}; validated by {@link PathRuleCheck})
 * @param learnMinDistinct      {@code path_learn_min_distinct}: distinct candidate values at one position before
 *                              it becomes {@code {id}} (default 5, range 2–64)
 * @param learnCap              {@code path_learn_cap}: value hashes remembered per position (default 64, 8–256)
 * @param neverTemplateSegments {@code never_template_segments}: lower-cased literal segments that never template
 *                              (≤{@value #MAX_NEVER_TEMPLATE_SEGMENTS})
 */
public record PathNormalization(List<Rule> rules, int learnMinDistinct, int learnCap,
        Set<String> neverTemplateSegments) {
    public static final int MAX_RULES = 64;
    public static final int DEFAULT_LEARN_MIN_DISTINCT = 5;
    public static final int MIN_LEARN_MIN_DISTINCT = 2;
    public static final int MAX_LEARN_MIN_DISTINCT = 64;
    public static final int DEFAULT_LEARN_CAP = 64;
    public static final int MIN_LEARN_CAP = 8;
    public static final int MAX_LEARN_CAP = 256;
    public static final int MAX_NEVER_TEMPLATE_SEGMENTS = 256;
    /** What an operator rule may produce; {@code secret}, {@code traversal} and {@code pii} are built-in only. */
    public static final Set<String> OPERATOR_PLACEHOLDERS = Set.of("id", "uuid", "objectid", "ulid", "token",
            "dynamic");

    public PathNormalization {
        rules = List.copyOf(rules);
        neverTemplateSegments = Set.copyOf(neverTemplateSegments);
    }

    public static PathNormalization defaults() {
        return new PathNormalization(List.of(), DEFAULT_LEARN_MIN_DISTINCT, DEFAULT_LEARN_CAP, Set.of());
    }

    /** One operator rule: {@code pattern} must match a whole segment; {@code placeholder} without braces. */
    public record Rule(Pattern pattern, String placeholder) {
        /** The segment text written into the normalized path, e.g. {@code {id}}. */
        public String template() {
            return "{" + placeholder + "}";
        }
    }
}
