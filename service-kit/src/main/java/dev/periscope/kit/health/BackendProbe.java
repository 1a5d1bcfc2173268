package dev.periscope.kit.health;

import java.time.Duration;

/** One backend a service depends on (Kafka, MongoDB, ClickHouse); probed off the event loop. */
public interface BackendProbe {
    String name();

    /** @return UP, or DOWN with a one-line reason; must return within the timeout and never throw */
    ProbeResult probe(Duration timeout);

    record ProbeResult(boolean up, String detail) {
        public static ProbeResult up(String detail) {
            return new ProbeResult(true, detail);
        }

        public static ProbeResult down(String detail) {
            return new ProbeResult(false, detail);
        }
    }
}
