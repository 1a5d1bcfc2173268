package dev.periscope.enricher.detect.baseline;

/**
 * One endpoint's learned baseline as persisted: {@code detector} is {@code response_size}, {@code latency} (mean and
 * variance) or {@code error_rate} (fast and slow averages); {@code endpointKey} is the stable endpoint hash (no
 * address, no raw path). Fields a detector does not use are 0.
 */
public record BaselineRecord(String detector, long endpointKey, long count, double mean, double variance,
        double fastRate, double slowRate) {
}
