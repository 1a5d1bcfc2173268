package dev.periscope.enricher.detect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts skips per detector and reason, as the Micrometer adapter would. */
final class RecordingSkips implements SkipListener {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    @Override
    public void skipped(String detector, String reason) {
        counts.computeIfAbsent(detector + "/" + reason, k -> new AtomicLong()).incrementAndGet();
    }

    long count(String detector, String reason) {
        AtomicLong count = counts.get(detector + "/" + reason);
        return count == null ? 0 : count.get();
    }
}
