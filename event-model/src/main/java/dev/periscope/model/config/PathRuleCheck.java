package dev.periscope.model.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides whether an operator's path rule is safe to run on every segment of every event. Rules are Java regexes
 * restricted to what RE2 also accepts and what cannot backtrack catastrophically: no back-references, no
 * look-around, no nested quantifiers, bounded repetition counts, at most {@value #MAX_QUANTIFIERS} quantifiers,
 * and no catch-all (a rule that matches ordinary words such as {@code users} would template every path).
 */
final class PathRuleCheck {
    static final int MAX_LENGTH = 256;
    static final int MAX_QUANTIFIERS = 16;
    static final int MAX_REPEAT = 256;
    /** Ordinary literal segments: a rule matching most of them is a catch-all. */
    private static final List<String> LITERAL_PROBES = List.of("users", "orders", "api", "login", "v1", "health",
            "products", "search", "me", "items", "status", "admin");
    private static final Pattern REPEAT = Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");

    private PathRuleCheck() {
    }

    /** @return the compiled, whole-segment-anchored pattern; throws with a one-line reason otherwise */
    static Pattern compile(String regex) {
        if (regex == null || regex.isEmpty()) {
            throw new IllegalArgumentException("an empty pattern would match every segment");
        }
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        String unanchored = stripAnchors(regex);
        rejectUnsafeConstructs(unanchored);
        Pattern pattern;
        try {
            pattern = Pattern.compile(unanchored);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
        if (pattern.matcher("").matches()) {
            throw new IllegalArgumentException("matches the empty segment");
        }
        long literalHits = LITERAL_PROBES.stream().filter(probe -> pattern.matcher(probe).matches()).count();
        if (literalHits * 2 > LITERAL_PROBES.size()) {
            throw new IllegalArgumentException("a catch-all: it matches ordinary words such as 'users' and 'login'");
        }
        return pattern;
    }

    private static String stripAnchors(String regex) {
        String out = regex;
        if (out.startsWith("^")) {
            out = out.substring(1);
        }
        if (out.endsWith("$") && !out.endsWith("\\$")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static void rejectUnsafeConstructs(String regex) {
        int quantifiers = 0;
        // depth → whether the group open at that depth contains a quantifier
        boolean[] groupQuantified = new boolean[regex.length() + 2];
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length()) {
                    char next = regex.charAt(i + 1);
                    if (Character.isDigit(next) && next != '0' || next == 'k') {
                        throw new IllegalArgumentException("back-references are not allowed");
                    }
                }
                i++;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                continue;
            }
            switch (c) {
                case '[' -> inClass = true;
                case '(' -> {
                    if (regex.startsWith("(?=", i) || regex.startsWith("(?!", i) || regex.startsWith("(?<=", i)
                            || regex.startsWith("(?<!", i)) {
                        throw new IllegalArgumentException("look-around is not allowed");
                    }
                    depth++;
                    groupQuantified[depth] = false;
                }
                case ')' -> {
                    boolean inner = depth > 0 && groupQuantified[depth];
                    depth = Math.max(0, depth - 1);
                    if (inner && followedByQuantifier(regex, i + 1)) {
                        throw new IllegalArgumentException("nested quantifiers are not allowed (catastrophic "
                                + "backtracking)");
                    }
                    if (inner) {
                        groupQuantified[depth] = true;
                    }
                }
                case '*', '+', '?', '{' -> {
                    if (c == '{') {
                        var m = REPEAT.matcher(regex);
                        if (m.find(i) && m.start() == i) {
                            String upper = m.group(2) == null ? m.group(1) : m.group(2);
                            if (upper.isEmpty() || Long.parseLong(upper) > MAX_REPEAT) {
                                throw new IllegalArgumentException("repetition counts must be bounded by "
                                        + MAX_REPEAT);
                            }
                        } else {
                            break;
                        }
                    } else if (c == '?' && i > 0 && regex.charAt(i - 1) == '(') {
                        break; // group modifier such as (?: or (?i)
                    }
                    quantifiers++;
                    groupQuantified[depth] = true;
                }
                default -> {
                }
            }
        }
        if (quantifiers > MAX_QUANTIFIERS) {
            throw new IllegalArgumentException("more than " + MAX_QUANTIFIERS + " quantifiers");
        }
    }

    private static boolean followedByQuantifier(String regex, int index) {
        if (index >= regex.length()) {
            return false;
        }
        char c = regex.charAt(index);
        return c == '*' || c == '+' || c == '?' || c == '{';
    }
}
