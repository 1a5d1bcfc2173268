package dev.periscope.enricher.classify.path;

import java.util.List;
import java.util.Locale;

/**
 * Paths of links that are sent by e-mail (password reset, e-mail verification, invitations, magic links): a
 * token in them is the design, so {@code jwt_in_path} is not reported there. The token is still masked.
 */
final class EmailedLinks {
    static final List<String> KEYWORDS = List.of("reset", "verify", "verification", "confirm", "activate",
            "activation", "invite", "invitation", "magic", "unsubscribe", "passwordless", "email-link", "login-link");

    private EmailedLinks() {
    }

    /** @param normalizedPath the templated path (the token itself already replaced) */
    static boolean isEmailedLink(String normalizedPath) {
        String lower = normalizedPath.toLowerCase(Locale.ROOT);
        for (String keyword : KEYWORDS) {
            if (lower.contains(keyword)) {
                return true;
            }
        }
        return false;
    }
}
