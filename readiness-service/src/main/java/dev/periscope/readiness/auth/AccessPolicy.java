package dev.periscope.readiness.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * Which scope a request needs (README "Auth" has the table):
 * <ul>
 * <li>public: {@code GET /} (the dashboard's login shell, no data), {@code GET /static/**}, {@code /favicon.ico};</li>
 * <li>{@code drills:run}: {@code POST /api/drills}, {@code POST /api/drills/**}, {@code POST /api/backups};</li>
 * <li>{@code readiness:read}: every other {@code GET}, {@code HEAD} or {@code OPTIONS} (the API, the dashboard's
 * panels, {@code /q/openapi});</li>
 * <li>{@code admin}: every other method on every other path (e.g. {@code POST /api/checklist/rules/reload}).</li>
 * </ul>
 * Unknown paths need a scope too: the rule is "no token, no access" unless a path is listed as public.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** The scope the request needs, or empty when the path is public. */
    public static Optional<AuthScope> required(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        boolean read = m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS");
        if (read && isPublic(p)) {
            return Optional.empty();
        }
        if (read) {
            return Optional.of(AuthScope.READ);
        }
        if (m.equals("POST") && (p.equals("/api/drills") || p.startsWith("/api/drills/")
                || p.equals("/api/backups"))) {
            return Optional.of(AuthScope.DRILLS);
        }
        return Optional.of(AuthScope.ADMIN);
    }

    /** Whether a request with this scope is a drill run or an admin action, which the audit records. */
    public static boolean audited(AuthScope scope) {
        return scope == AuthScope.DRILLS || scope == AuthScope.ADMIN;
    }

    private static boolean isPublic(String path) {
        return path.equals("/") || path.startsWith("/static/") || path.equals("/favicon.ico");
    }
}
