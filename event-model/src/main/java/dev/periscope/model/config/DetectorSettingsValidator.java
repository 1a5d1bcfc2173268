package dev.periscope.model.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Range-checks the detector blocks against {@link DetectorSchema} and applies the rule every block shares: an
 * enabled detector needs {@code threshold > 0} and {@code window_seconds > 0} (a disabled one may keep zeros).
 */
final class DetectorSettingsValidator {
    private DetectorSettingsValidator() {
    }

    static DetectorSettings validate(Map<String, Map<String, Object>> blocks, List<String> errors) {
        Map<String, DetectorSchema.Values> validated = new LinkedHashMap<>();
        blocks.forEach((name, block) -> validated.put(name, block(name, block, errors)));
        return DetectorSettings.of(validated);
    }

    private static DetectorSchema.Values block(String name, Map<String, Object> block, List<String> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (DetectorSchema.Field field : DetectorSchema.BLOCKS.get(name)) {
            Object value = block.get(field.name());
            String path = "detection." + name + "." + field.name();
            if (value == null) {
                out.put(field.name(), field.defaultValue());
                continue;
            }
            if (field.kind() != DetectorSchema.Kind.BOOL) {
                double number = ((Number) value).doubleValue();
                if (number < field.min() || number > field.max()) {
                    errors.add(path + ": must be between " + format(field, field.min()) + " and "
                            + format(field, field.max()) + ", got " + value);
                    value = field.defaultValue();
                }
            }
            out.put(field.name(), value);
        }
        if (Boolean.TRUE.equals(out.get("enabled"))) {
            for (String positive : List.of("threshold", "window_seconds")) {
                Object value = out.get(positive);
                if (value != null && ((Number) value).longValue() <= 0) {
                    errors.add("detection." + name + "." + positive + ": must be greater than 0 while the detector "
                            + "is enabled");
                }
            }
        }
        return new DetectorSchema.Values(name, out);
    }

    private static String format(DetectorSchema.Field field, double bound) {
        return field.kind() == DetectorSchema.Kind.INT ? Long.toString((long) bound) : Double.toString(bound);
    }
}
