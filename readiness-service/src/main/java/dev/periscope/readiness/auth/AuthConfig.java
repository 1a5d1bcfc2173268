package dev.periscope.readiness.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the readiness API's auth (README "Auth"). */
@ConfigMapping(prefix = "periscope.readiness.auth")
public interface AuthConfig {

    /** Off only for a throw-away local run: every request passes and the checklist fails security.admin-token. */
    @WithDefault("true")
    boolean enabled();

    /** The token file; required when auth is enabled. */
    Optional<String> tokenFile();

    Lockout lockout();

    /** How long a stream ticket opens the event stream after it was issued. */
    @WithDefault("60s")
    Duration streamTicketTtl();

    /** The MongoDB collection of the audit records. */
    @WithDefault("readiness_audit")
    String auditCollection();

    interface Lockout {
        /** Failed authentications from one client address within the window that lock it out. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("15m")
        Duration window();

        /** How long a locked-out address is refused (429 with Retry-After). */
        @WithDefault("15m")
        Duration coolDown();
    }
}
