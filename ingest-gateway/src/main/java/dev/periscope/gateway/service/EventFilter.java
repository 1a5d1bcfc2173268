package dev.periscope.gateway.service;

import java.util.Optional;

import dev.periscope.model.v1.AccessEvent;

/**
 * Runtime ingest exclusions, asked once per mapped entry before it is queued: a present reason (e.g.
 * {@code exclude_host}, {@code ingest_filter}) drops the entry and counts it under that reason. Must be cheap and
 * non-blocking (it runs on the gRPC event loop).
 */
@FunctionalInterface
public interface EventFilter {
    EventFilter NONE = event -> Optional.empty();

    Optional<String> dropReason(AccessEvent event);
}
