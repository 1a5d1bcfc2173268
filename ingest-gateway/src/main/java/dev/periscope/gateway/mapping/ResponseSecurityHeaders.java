package dev.periscope.gateway.mapping;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.periscope.gateway.privacy.Text;
import dev.periscope.model.v1.AccessEvent;

/**
 * Reduces the response's security headers to what the enricher's posture flags need — presence bits, the shape of
 * the CORS origin, and the product tokens of {@code Server}/{@code X-Powered-By} — never whole values (a specific
 * CORS origin or a CSP may name internal hosts). Envoy logs only the response headers its access-log config
 * lists ({@code response_headers_to_log}); absent ones read as "not sent".
 */
final class ResponseSecurityHeaders {
    static final int MAX_SERVER_SOFTWARE_BYTES = 64;
    private static final Pattern FRAME_ANCESTORS = Pattern.compile("(^|;)\\s*frame-ancestors\\s",
            Pattern.CASE_INSENSITIVE);

    private ResponseSecurityHeaders() {
    }

    static void record(HeaderView headers, AccessEvent.Builder event) {
        String csp = headers.apply("content-security-policy");
        event.setXctoPresent(headers.apply("x-content-type-options").strip().equalsIgnoreCase("nosniff"))
                .setCspPresent(!csp.isBlank())
                .setXfoPresent(!headers.apply("x-frame-options").isBlank()
                        || (csp.length() <= 8192 && FRAME_ANCESTORS.matcher(csp).find()))
                .setCorsAllowOrigin(corsOrigin(headers.apply("access-control-allow-origin")))
                .setCorsAllowCredentials(headers.apply("access-control-allow-credentials").strip()
                        .equalsIgnoreCase("true"))
                .setServerSoftware(serverSoftware(headers.apply("server"), headers.apply("x-powered-by")));
    }

    static String corsOrigin(String value) {
        String origin = value.strip();
        if (origin.isEmpty()) {
            return "";
        }
        if (origin.equals("*") || origin.equalsIgnoreCase("null")) {
            return origin.toLowerCase(Locale.ROOT);
        }
        return "origin";
    }

    static String serverSoftware(String server, String poweredBy) {
        String joined = server.isBlank() ? poweredBy : poweredBy.isBlank() ? server : server + " " + poweredBy;
        return Text.clean(joined, MAX_SERVER_SOFTWARE_BYTES, true).strip();
    }
}
