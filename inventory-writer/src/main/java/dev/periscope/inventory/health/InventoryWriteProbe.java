package dev.periscope.inventory.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.periscope.inventory.service.InventoryWriteService;
import dev.periscope.kit.health.BackendProbe;

/**
 * DOWN while the writer is retrying a failing MongoDB write — also when {@code ping} still answers (e.g. a full
 * disk, lost privileges, a primary that refuses writes), so /readyz and the health report show the held batch.
 */
@ApplicationScoped
public class InventoryWriteProbe implements BackendProbe {
    private final InventoryWriteService writer;

    public InventoryWriteProbe(InventoryWriteService writer) {
        this.writer = writer;
    }

    @Override
    public String name() {
        return "inventory-writes";
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        return writer.failing().map(reason -> ProbeResult.down(reason + "; batch held, offsets uncommitted"))
                .orElseGet(() -> ProbeResult.up("writes acknowledged"));
    }
}
