package dev.periscope.readiness.dr.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Restore drills. */
@ConfigMapping(prefix = "periscope.readiness.drill")
public interface DrillConfig {

    /** How often {@code mongo-backup-restore} runs on its own; {@code off} disables (REST still runs it). */
    @WithDefault("24h")
    String every();

    /** The first scheduled run waits this long after start-up. */
    @WithDefault("10m")
    String initialDelay();

    /** Scratch databases are named this prefix + the run id, and dropped after the run. */
    @WithDefault("readiness_drill_")
    String scratchPrefix();
}
