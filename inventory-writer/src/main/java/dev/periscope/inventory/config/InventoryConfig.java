package dev.periscope.inventory.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Bootstrap settings of inventory-writer (env {@code PERISCOPE_INVENTORY_*}). */
@ConfigMapping(prefix = "periscope.inventory")
public interface InventoryConfig {

    Retry retry();

    /** How long to wait for the broker to acknowledge a dead letter before failing the batch. */
    @WithName("dead-letter-timeout")
    @WithDefault("30s")
    Duration deadLetterTimeout();

    interface Retry {
        /** First back-off after a failed MongoDB write; doubles per attempt (with jitter) up to max-backoff. */
        @WithName("initial-backoff")
        @WithDefault("200ms")
        Duration initialBackoff();

        /**
         * Upper bound of one back-off. While MongoDB is unreachable the batch is retried at this pace (offsets stay
         * uncommitted, consumption pauses, the MongoDB probe reports the service DEGRADED).
         */
        @WithName("max-backoff")
        @WithDefault("10s")
        Duration maxBackoff();
    }
}
