package dev.periscope.readiness.checklist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How much each counter of an instance grew over the last window (15 minutes by default), from the counter samples
 * its reports carried. The baseline is the newest sample at least one window old. Until readiness has watched an
 * instance for a whole window there is no such sample and the baseline is zero: the counter's whole value since the
 * process started counts, so an old drop fails a rule for one window rather than a recent one passing unseen. A
 * counter lower than its baseline means the process restarted: its whole value counts.
 */
public final class CounterWindow {
    private record Sample(Instant at, Map<String, Double> counters) {
    }

    private record History(Instant startedAt, Deque<Sample> samples) {
    }

    private final Duration window;
    private final Map<String, History> histories = new HashMap<>();

    public CounterWindow(Duration window) {
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** Records the instance's latest sample (if new) and returns the growth of each of its counters. */
    public synchronized Map<String, Double> increase(String instanceKey, Instant startedAt, Instant reportedAt,
            Map<String, Double> counters, Instant now) {
        History history = histories.get(instanceKey);
        if (history == null || !Objects.equals(history.startedAt(), startedAt)) {
            history = new History(startedAt, new ArrayDeque<>());
            histories.put(instanceKey, history);
        }
        Deque<Sample> samples = history.samples();
        if (samples.isEmpty() || reportedAt.isAfter(samples.peekLast().at())) {
            samples.addLast(new Sample(reportedAt, Map.copyOf(counters)));
        }
        Instant windowStart = now.minus(window);
        while (samples.size() > 1 && !first(samples, 1).at().isAfter(windowStart)) {
            samples.removeFirst();
        }
        Map<String, Double> baseline = samples.peekFirst().at().isAfter(windowStart)
                ? Map.of()
                : samples.peekFirst().counters();
        Map<String, Double> increase = new TreeMap<>();
        counters.forEach((name, value) -> {
            double before = baseline.getOrDefault(name, 0.0);
            increase.put(name, value >= before ? value - before : value);
        });
        return increase;
    }

    /** Forgets instances no longer reported. */
    public synchronized void retain(Set<String> instanceKeys) {
        histories.keySet().retainAll(instanceKeys);
    }

    private static Sample first(Deque<Sample> samples, int index) {
        return samples.stream().skip(index).findFirst().orElseThrow();
    }
}
