package dev.periscope.readiness.dr;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as a number and a unit: {@code 90s}, {@code 30m}, {@code 1h}, {@code 14d}, {@code 2w}. */
public final class DurationText {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(s|m|h|d|w)");

    private DurationText() {
    }

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (number + s|m|h|d|w): '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** The shortest exact form in s, m, h or d: 3600 s → "1h", 90 s → "90s", 14 days → "14d". */
    public static String format(Duration duration) {
        long s = duration.getSeconds();
        if (s != 0 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
