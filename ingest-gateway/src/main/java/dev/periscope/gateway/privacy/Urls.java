package dev.periscope.gateway.privacy;

/** Cutting the parts of a path or URL that may carry secrets: query string, fragment and user-info. */
public final class Urls {
    private Urls() {
    }

    /** Index of the first {@code ?} or {@code #}, or the length: where the path part ends. */
    public static int pathEnd(String pathOrUrl) {
        for (int i = 0; i < pathOrUrl.length(); i++) {
            char c = pathOrUrl.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return pathOrUrl.length();
    }

    /** The query string (between {@code ?} and {@code #}), or "" when there is none. */
    public static String query(String pathOrUrl) {
        int end = pathEnd(pathOrUrl);
        if (end >= pathOrUrl.length() || pathOrUrl.charAt(end) != '?') {
            return "";
        }
        int fragment = pathOrUrl.indexOf('#', end + 1);
        return pathOrUrl.substring(end + 1, fragment < 0 ? pathOrUrl.length() : fragment);
    }

    /**
     * A URL (absolute, scheme-relative or a bare path) without query, fragment and user-info
     * ({@code https://user:pw@host/p?q#f} → {@code https://host/p}), cleaned and capped at {@code maxBytes}.
     */
    public static String redactUrl(String url, int maxBytes) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        int end = pathEnd(url);
        String head = url.substring(0, end);
        int authorityStart = -1;
        int scheme = head.indexOf("://");
        if (scheme >= 0) {
            authorityStart = scheme + 3;
        } else if (head.startsWith("//")) {
            authorityStart = 2;
        }
        if (authorityStart >= 0) {
            int authorityEnd = head.indexOf('/', authorityStart);
            if (authorityEnd < 0) {
                authorityEnd = head.length();
            }
            int at = head.lastIndexOf('@', authorityEnd - 1);
            if (at >= authorityStart) {
                head = head.substring(0, authorityStart) + head.substring(at + 1);
            }
        }
        return Text.clean(head, maxBytes, true);
    }
}
