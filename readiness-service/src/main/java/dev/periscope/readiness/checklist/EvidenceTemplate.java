package dev.periscope.readiness.checklist;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {name}} placeholders of an evidence template; a name that resolves to nothing renders as {@code ?}. */
final class EvidenceTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.:{}=,\\-]+?)\\}(?!\\})");

    private EvidenceTemplate() {
    }

    static String render(String template, Function<String, Object> lookup) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = lookup.apply(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "?" : format(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String format(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }
}
