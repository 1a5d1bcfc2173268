package dev.periscope.gateway.privacy;

import java.util.List;
import java.util.Set;

/** Header names (lower-case) the privacy rules treat specially. */
public final class SensitiveHeaders {
    private SensitiveHeaders() {
    }

    /** The 14 headers that are never forwarded, whatever the allow-list says (collector reference §1.5). */
    public static final Set<String> NEVER_FORWARDED = Set.of("authorization", "proxy-authorization",
            "x-forwarded-authorization", "x-original-authorization", "x-forwarded-user", "cookie", "set-cookie",
            "set-cookie2", "x-api-key", "x-auth-token", "x-csrf-token", "x-xsrf-token", "traceparent", "tracestate");

    /** Headers in the {@code Authorization} format ({@code <scheme> <credentials>}), in consumer-identity order. */
    public static final List<String> AUTHORIZATION_LIKE = List.of("authorization", "x-forwarded-authorization",
            "x-original-authorization", "proxy-authorization");

    /** Headers whose presence alone is a credential: they set {@code auth_observed}; values never leave. */
    public static final List<String> AUTH_BEARING = List.of("authorization", "proxy-authorization",
            "x-forwarded-authorization", "x-original-authorization", "x-api-key", "x-auth-token");

    /** Response/request headers holding a URL: when forwarded they lose query, fragment and user-info. */
    public static final Set<String> URL_VALUED = Set.of("location", "content-location", "referer", "origin");
}
