package dev.periscope.enricher.service;

import java.util.regex.Pattern;

/**
 * Templates the variable segments of a request path so that one endpoint maps to one inventory row:
 * {@code /users/42} becomes {@code /users/{id}}. Walking-skeleton rules: all-digit segments, UUIDs and long hex
 * strings (ObjectIds, digests). The full, runtime-configurable rule set replaces this class's rules later.
 */
public final class PathNormalizer {
    static final String ID = "{id}";
    static final String UUID = "{uuid}";
    static final String HEX = "{hex}";

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** 16+ hex characters with at least one digit, so a long word of only a–f letters is not taken for an id. */
    private static final Pattern LONG_HEX = Pattern.compile("(?=[^/]*\\d)[0-9a-fA-F]{16,}");

    /** Returns the templated path; the query string (if a caller left one) is dropped, "" stays "". */
    public String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        int query = path.indexOf('?');
        String bare = query >= 0 ? path.substring(0, query) : path;
        if (bare.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(bare.length());
        int start = 0;
        while (start <= bare.length()) {
            int slash = bare.indexOf('/', start);
            int end = slash < 0 ? bare.length() : slash;
            out.append(template(bare.substring(start, end)));
            if (slash < 0) {
                break;
            }
            out.append('/');
            start = slash + 1;
        }
        return out.toString();
    }

    private static String template(String segment) {
        if (segment.isEmpty()) {
            return segment;
        }
        if (DIGITS.matcher(segment).matches()) {
            return ID;
        }
        if (UUID_PATTERN.matcher(segment).matches()) {
            return UUID;
        }
        if (LONG_HEX.matcher(segment).matches()) {
            return HEX;
        }
        return segment;
    }
}
