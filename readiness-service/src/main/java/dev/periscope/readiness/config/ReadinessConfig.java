package dev.periscope.readiness.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The checklist settings of the readiness service. */
@ConfigMapping(prefix = "periscope.readiness")
public interface ReadinessConfig {

    Rules rules();

    /** A report older than this is stale: its instance's rules evaluate to unknown. */
    @WithDefault("60s")
    Duration staleAfter();

    /**
     * An instance silent for this long (crashed, killed, scaled away without a tombstone) is forgotten: until then it
     * shows as stale and its rules evaluate to unknown.
     */
    @WithDefault("15m")
    Duration forgetAfter();

    /** The window of {@code increase} (counter growth) in rule expressions. */
    @WithDefault("15m")
    Duration counterWindow();

    /** How often the checklist is re-evaluated and the operator rule directory checked for changes. */
    @WithDefault("5s")
    String evaluateEvery();

    interface Rules {
        /** Load the default pack shipped in the service. */
        @WithDefault("true")
        boolean defaultPack();

        /** The operator's directory of extra rule files ({@code *.yaml}, {@code *.yml}); none when unset. */
        Optional<String> dir();
    }
}
