package dev.periscope.enricher.classify.path;

import java.util.List;
import java.util.Locale;

/**
 * Path-traversal probes inside one segment: {@code ..} and longer dot runs (also {@code ..;}, Tomcat's path
 * parameter trick), encoded
 * dots and slashes in any nesting up to three layers ({@code %2e%2e}, {@code %252e%252e}, {@code a%2fb},
 * {@code %5c}), backslashes, and the classic overlong-UTF-8 and {@code %u} encodings of dot and slash.
 */
final class TraversalShape {
    private static final List<String> OVERLONG = List.of("%c0%ae", "%c0%af", "%c1%9c", "%c1%1c", "%c0%2e",
            "%e0%80%ae", "%f0%80%80%ae", "%u002e", "%u002f", "%u005c", "%u2215", "%u2216", "%uff0e");

    private TraversalShape() {
    }

    static boolean isTraversal(String segment) {
        if (segment.indexOf('.') < 0 && segment.indexOf('%') < 0 && segment.indexOf('\\') < 0) {
            return false;
        }
        if (segment.indexOf('\\') >= 0) {
            return true;
        }
        String decoded = segment;
        if (segment.indexOf('%') >= 0) {
            String lower = segment.toLowerCase(Locale.ROOT);
            for (String encoding : OVERLONG) {
                if (lower.contains(encoding)) {
                    return true;
                }
            }
            decoded = PercentDecoding.decodeFully(segment);
            if (decoded.indexOf('%') >= 0 && !decoded.equals(PercentDecoding.decodeOnce(decoded))) {
                return true; // more layers than any client legitimately sends
            }
            if (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0 || decoded.equals(".")
                    || decoded.contains("..")) {
                return true; // an encoded dot or slash has no business in a segment unless it is a probe
            }
        }
        return onlyDots(decoded) || decoded.startsWith("..;");
    }

    /** {@code ..}, {@code ...}, {@code ....}: some servers collapse runs of dots to a parent reference. */
    private static boolean onlyDots(String s) {
        if (s.length() < 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }
}
