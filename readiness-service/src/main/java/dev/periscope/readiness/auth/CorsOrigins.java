package dev.periscope.readiness.auth;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The CORS allow-list ({@code quarkus.http.cors.origins}) and whether it lets every origin in: a {@code *}, or a
 * {@code /regex/} entry that matches unrelated origins (probed with a few that no allow-list should accept).
 */
public final class CorsOrigins {
    private static final List<String> FOREIGN = List.of("https://evil.example", "http://attacker.invalid:8080",
            "null");

    private CorsOrigins() {
    }

    public static boolean isWildcard(List<String> origins) {
        for (String origin : origins) {
            String o = origin.strip();
            if (o.equals("*")) {
                return true;
            }
            if (o.length() > 2 && o.startsWith("/") && o.endsWith("/") && matchesForeign(o.substring(1,
                    o.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesForeign(String regex) {
        try {
            Pattern pattern = Pattern.compile(regex);
            return FOREIGN.stream().anyMatch(f -> pattern.matcher(f).matches());
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
