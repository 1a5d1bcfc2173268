package dev.periscope.model.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code detection.<detector>} blocks as a table: every field's name, type, default (the collector reference's
 * Generation 2 defaults, §1.9) and range. The parser type-checks against it, the validator range-checks against it,
 * and each detector's settings record reads its validated {@link Values}. One table keeps the three in step.
 */
public final class DetectorSchema {
    /** Longest accepted window of any detector: 7 days. */
    public static final long MAX_WINDOW_SECONDS = 7L * 24 * 3600;
    public static final long MAX_THRESHOLD = 1_000_000;

    public enum Kind { BOOL, INT, NUMBER }

    /** One field: integral fields keep their bounds exactly, numbers are doubles. */
    public record Field(String name, Kind kind, Object defaultValue, double min, double max) {
    }

    public static final String BOLA = "bola";
    public static final String BRUTE_FORCE = "brute_force";
    public static final String RATE_ANOMALY = "rate_anomaly";
    public static final String PAYMENT_ABUSE = "payment_abuse";
    public static final String REPLAY = "replay";
    public static final String PATH_SCAN = "path_scan";
    public static final String GEO_SPREAD = "geo_spread";
    public static final String IP_RATE = "ip_rate";
    public static final String RESPONSE_SIZE = "response_size";
    public static final String BEHAVIOR = "behavior";
    public static final String AUTH_INCONSISTENT = "auth_inconsistent";

    /** Blocks the reference defines that Periscope configures elsewhere (accepted, not read here). */
    public static final List<String> NOT_MODELLED = List.of("normalize_gap");

    public static final Map<String, List<Field>> BLOCKS = blocks();

    private DetectorSchema() {
    }

    private static Map<String, List<Field>> blocks() {
        Map<String, List<Field>> b = new LinkedHashMap<>();
        b.put(BOLA, List.of(on(true), threshold(50, 128), window(60), integer("min_forbidden", 10, 0, MAX_THRESHOLD),
                ratio("min_forbidden_ratio", 0.25), bool("skip_machine_consumers", true)));
        b.put(BRUTE_FORCE, List.of(on(true), threshold(10, MAX_THRESHOLD), window(60),
                integer("threshold_ip", 20, 0, MAX_THRESHOLD), ratio("min_failure_ratio", 0.5)));
        b.put(RATE_ANOMALY, List.of(on(false), threshold(1000, MAX_THRESHOLD), window(60)));
        b.put(PAYMENT_ABUSE, List.of(on(true), threshold(10, MAX_THRESHOLD), window(60),
                ratio("min_decline_ratio", 0.5)));
        b.put(REPLAY, List.of(on(true), threshold(3, MAX_THRESHOLD), window(300)));
        b.put(PATH_SCAN, List.of(on(true), threshold(40, 128), window(60)));
        b.put(GEO_SPREAD, List.of(on(true), threshold(2, 7), window(3600), bool("skip_mtls", true),
                integer("min_switches", 2, 0, 31), bool("escalate_hosting_asn", true)));
        b.put(IP_RATE, List.of(on(false), threshold(1000, MAX_THRESHOLD), window(60)));
        b.put(RESPONSE_SIZE, List.of(on(true), number("multiplier", 10, 1, 1000),
                integer("min_baseline_bytes", 1024, 0, 1L << 40), integer("min_event_bytes", 65536, 0, 1L << 40),
                integer("warmup", 10, 1, 1_000_000), number("sigma", 4, 0, 100), integer("consecutive", 2, 1, 1000)));
        b.put(BEHAVIOR, List.of(on(true), integer("warmup", 50, 1, 1_000_000),
                integer("startup_suppress_seconds", 600, 0, MAX_WINDOW_SECONDS), number("latency_sigma", 5, 0, 100),
                integer("latency_min_ms", 200, 0, 3_600_000), integer("latency_consecutive", 3, 1, 1000),
                ratio("error_rate_fast_alpha", 0.3), ratio("error_rate_slow_alpha", 0.02),
                number("error_rate_multiplier", 3, 1, 1000), ratio("error_rate_min_rate", 0.25),
                integer("error_rate_consecutive", 2, 1, 1000)));
        b.put(AUTH_INCONSISTENT, List.of(on(true), window(86_400)));
        return java.util.Collections.unmodifiableMap(b);
    }

    private static Field on(boolean enabled) {
        return bool("enabled", enabled);
    }

    private static Field threshold(long defaultValue, long max) {
        return integer("threshold", defaultValue, 0, max);
    }

    private static Field window(long defaultSeconds) {
        return integer("window_seconds", defaultSeconds, 0, MAX_WINDOW_SECONDS);
    }

    private static Field bool(String name, boolean defaultValue) {
        return new Field(name, Kind.BOOL, defaultValue, 0, 0);
    }

    private static Field integer(String name, long defaultValue, long min, long max) {
        return new Field(name, Kind.INT, defaultValue, min, max);
    }

    private static Field number(String name, double defaultValue, double min, double max) {
        return new Field(name, Kind.NUMBER, defaultValue, min, max);
    }

    private static Field ratio(String name, double defaultValue) {
        return number(name, defaultValue, 0, 1);
    }

    /** A block's validated values: every field of the schema present, with the document's value or its default. */
    public record Values(String block, Map<String, Object> values) {
        public Values {
            values = Map.copyOf(values);
        }

        public static Values defaults(String block) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Field field : BLOCKS.get(block)) {
                out.put(field.name(), field.defaultValue());
            }
            return new Values(block, out);
        }

        public boolean bool(String name) {
            return (Boolean) get(name);
        }

        public int integer(String name) {
            return (int) Math.min(Integer.MAX_VALUE, ((Number) get(name)).longValue());
        }

        public long longValue(String name) {
            return ((Number) get(name)).longValue();
        }

        public double number(String name) {
            return ((Number) get(name)).doubleValue();
        }

        private Object get(String name) {
            Object value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(block + "." + name + " is not in the schema");
            }
            return value;
        }
    }
}
