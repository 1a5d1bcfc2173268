package dev.periscope.model.pii;

import java.util.Objects;

/**
 * A value that has the shape of personal data.
 *
 * @param category   which shape
 * @param reportable whether the category may be reported; {@code false} when a gate (the value's name, a service
 *                   account domain, …) says the hit is probably not personal data. The value is masked either way.
 */
public record PiiMatch(PiiCategory category, boolean reportable) {
    public PiiMatch {
        Objects.requireNonNull(category, "category");
    }
}
