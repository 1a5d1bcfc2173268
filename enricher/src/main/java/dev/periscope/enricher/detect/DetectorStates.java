package dev.periscope.enricher.detect;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The process-wide home of detector state, shared by every runtime-config version. A detector asks for its state
 * with its name and the settings the state depends on: equal settings return the state the previous version used
 * (windows survive a reload), different settings start fresh (the old windows are discarded).
 */
public final class DetectorStates {
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private record Held(Object settings, Sized state) {
    }

    /** The state for {@code detector} learned under {@code settings}, or a new one from {@code fresh}. */
    @SuppressWarnings("unchecked")
    public <S extends Sized> S obtain(String detector, Object settings, Supplier<S> fresh) {
        Objects.requireNonNull(settings, "settings");
        return (S) held.compute(detector, (name, current) -> current != null && current.settings().equals(settings)
                ? current : new Held(settings, fresh.get())).state();
    }

    /** Drops a detector's state (it was disabled): a later enable starts fresh. */
    public void discard(String detector) {
        held.remove(detector);
    }

    /** Keys tracked by the detector's current state; 0 when it has none. */
    public long entries(String detector) {
        Held current = held.get(detector);
        return current == null ? 0 : current.state().entries();
    }

    public Set<String> detectors() {
        return Set.copyOf(held.keySet());
    }
}
