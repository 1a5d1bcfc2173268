package dev.periscope.gateway.privacy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The only thing of a query string that leaves the gateway: its parameter names (decoded, de-duplicated, capped),
 * and whether one of them names a credential. Values are never read past the {@code =}.
 */
public final class QueryParams {
    /** Parameters examined per query string; a longer one is looked at only this far (bounded time). */
    public static final int MAX_EXAMINED = 10_000;
    /** Characters of one raw name looked at, and UTF-8 bytes of one decoded name kept. */
    public static final int MAX_RAW_NAME_CHARS = 1024;
    public static final int MAX_NAME_BYTES = 256;

    private QueryParams() {
    }

    /**
     * @param names             distinct decoded names in order of appearance, at most the policy's cap
     * @param credentialInQuery a name (among the first {@link #MAX_EXAMINED}) is in the credential list
     * @param capped            more distinct names were seen than kept
     */
    public record Names(List<String> names, boolean credentialInQuery, boolean capped) {
        public static final Names NONE = new Names(List.of(), false, false);
    }

    /** @param query the query string without its leading {@code ?} */
    public static Names of(String query, PrivacyPolicy policy) {
        if (query == null || query.isEmpty()) {
            return Names.NONE;
        }
        int cap = policy.queryParamsCap();
        Set<String> names = new LinkedHashSet<>();
        boolean credential = false;
        boolean capped = false;
        int examined = 0;
        int start = 0;
        int length = query.length();
        while (start <= length && examined < MAX_EXAMINED) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            int nameEnd = end;
            for (int i = start; i < end; i++) {
                if (query.charAt(i) == '=') {
                    nameEnd = i;
                    break;
                }
            }
            if (nameEnd > start) {
                examined++;
                String name = name(query, start, Math.min(nameEnd, start + MAX_RAW_NAME_CHARS));
                if (!name.isEmpty()) {
                    if (!credential && policy.isCredentialParamName(name)) {
                        credential = true;
                    }
                    if (names.size() < cap) {
                        names.add(name);
                    } else if (!names.contains(name)) {
                        capped = true;
                    }
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return new Names(List.copyOf(names), credential, capped);
    }

    private static String name(String query, int start, int end) {
        String decoded = Text.percentDecode(query.substring(start, end), true);
        return Text.clean(decoded, MAX_NAME_BYTES, true).strip();
    }
}
