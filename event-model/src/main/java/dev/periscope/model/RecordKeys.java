package dev.periscope.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.periscope.model.v1.AccessEvent;
import dev.periscope.model.v1.HealthReport;

/** The Kafka record key of each topic, as ARCHITECTURE's topic table defines it. */
public final class RecordKeys {
    private RecordKeys() {
    }

    /** Raw topic: SHA-256 of the downstream address, so per-client state stays partition-local. */
    public static String rawKey(AccessEvent event) {
        MessageDigest sha256 = Sha256.digest();
        return HexFormat.of().formatHex(sha256.digest(event.getSourceIp().getBytes(StandardCharsets.UTF_8)));
    }

    /** Enriched topic: the inventory key, so one endpoint's events stay in order on one partition. */
    public static String enrichedKey(AccessEvent event) {
        return InventoryKey.of(event).id();
    }

    /** Health topic: {@code service/instance_id}, the compaction identity of one instance. */
    public static String healthKey(HealthReport report) {
        return report.getService() + "/" + report.getInstanceId();
    }
}
