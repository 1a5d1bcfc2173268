package dev.periscope.model.config;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading one document: a config when it is valid in full, otherwise every error found (never a
 * partially applied config). Warnings (unknown fields, never-forwarded headers in the allow-list) do not make a
 * document invalid.
 */
public record RuntimeConfigResult(Optional<RuntimeConfig> config, List<String> errors, List<String> warnings) {

    public RuntimeConfigResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (config.isPresent() == !errors.isEmpty()) {
            throw new IllegalArgumentException("a result has either a config or errors");
        }
    }

    static RuntimeConfigResult valid(RuntimeConfig config, List<String> warnings) {
        return new RuntimeConfigResult(Optional.of(config), List.of(), warnings);
    }

    static RuntimeConfigResult invalid(List<String> errors, List<String> warnings) {
        return new RuntimeConfigResult(Optional.empty(), errors, warnings);
    }

    public boolean valid() {
        return config.isPresent();
    }

    /** The errors as one line, for a log line, a metric-side fact or {@code /configz}. */
    public String errorSummary() {
        return String.join("; ", errors);
    }
}
