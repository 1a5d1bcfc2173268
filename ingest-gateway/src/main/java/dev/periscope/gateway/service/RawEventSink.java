package dev.periscope.gateway.service;

import dev.periscope.model.v1.AccessEvent;

/** Where mapped raw events go; must never block the caller (gRPC handlers run on the event loop). */
public interface RawEventSink {
    /** @return false when the event was refused (queue full); the caller counts the drop */
    boolean offer(AccessEvent event);
}
