package dev.periscope.gateway.mapping;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Case-insensitive, bounded lookups in one of Envoy's header maps. Envoy logs names lower-case, so an exact lookup
 * (O(1), whatever the map's size) answers almost always; only when some of the first {@value #MAX_EXAMINED} names
 * are not lower-case is a lower-cased index of those entries built, once per map. A map with thousands of headers
 * therefore costs at most {@value #MAX_EXAMINED} entries of work.
 */
final class HeaderView implements Function<String, String> {
    /** Entries examined for the case-insensitive index. */
    static final int MAX_EXAMINED = 256;

    private final Map<String, String> headers;
    private final Map<String, String> lowerCased;

    HeaderView(Map<String, String> headers) {
        this.headers = headers;
        this.lowerCased = lowerCasedIndex(headers);
    }

    /** The value of the header (name in lower case), or "" when absent. */
    @Override
    public String apply(String lowerCaseName) {
        String value = headers.get(lowerCaseName);
        if (value == null && lowerCased != null) {
            value = lowerCased.get(lowerCaseName);
        }
        return value == null ? "" : value;
    }

    private static Map<String, String> lowerCasedIndex(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        Map<String, String> index = null;
        int examined = 0;
        // names only: the usual all-lower-case map costs no entry wrappers; values are fetched for odd names alone
        for (String name : headers.keySet()) {
            if (examined++ >= MAX_EXAMINED) {
                break;
            }
            if (!isLowerCase(name)) {
                if (index == null) {
                    index = new HashMap<>();
                }
                index.putIfAbsent(name.toLowerCase(Locale.ROOT), headers.get(name));
            }
        }
        return index;
    }

    private static boolean isLowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
