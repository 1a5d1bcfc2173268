package dev.periscope.gateway.privacy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.periscope.model.pii.PiiMatch;
import dev.periscope.model.pii.PiiScanner;

/**
 * The only things of a query string that leave the gateway: its parameter names (decoded, de-duplicated, capped),
 * whether one of them names a credential, and the <i>categories</i> of personal data or tokens its values hold
 * (email, phone, ssn, credit_card, iban by the shared {@link PiiScanner} with its name gates; jwt). Values
 * themselves never leave: they are looked at (the first {@value #MAX_VALUES_SCANNED}, up to
 * {@value #MAX_VALUE_CHARS} characters each) and dropped.
 */
public final class QueryParams {
    /** Parameters examined per query string; a longer one is looked at only this far (bounded time). */
    public static final int MAX_EXAMINED = 10_000;
    /** Characters of one raw name looked at, and UTF-8 bytes of one decoded name kept. */
    public static final int MAX_RAW_NAME_CHARS = 1024;
    public static final int MAX_NAME_BYTES = 256;
    /** Values looked at for personal data per query string, and characters of one value. */
    public static final int MAX_VALUES_SCANNED = 64;
    public static final int MAX_VALUE_CHARS = 2048;
    public static final String JWT = "jwt";
    private static final PiiScanner PII = new PiiScanner();

    private QueryParams() {
    }

    /**
     * @param names             distinct decoded names in order of appearance, at most the policy's cap
     * @param credentialInQuery a name (among the first {@link #MAX_EXAMINED}) is in the credential list
     * @param capped            more distinct names were seen than kept
     * @param valueCategories   categories found in the values (reportable PII categories, {@code jwt}), in order
     */
    public record Names(List<String> names, boolean credentialInQuery, boolean capped,
            List<String> valueCategories) {
        public static final Names NONE = new Names(List.of(), false, false, List.of());
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
        Set<String> categories = new LinkedHashSet<>();
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
                    if (nameEnd < end && examined <= MAX_VALUES_SCANNED) {
                        valueCategory(query, nameEnd + 1, end, name, categories);
                    }
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
        return new Names(List.copyOf(names), credential, capped, List.copyOf(categories));
    }

    private static void valueCategory(String query, int start, int end, String name, Set<String> categories) {
        if (start >= end || end - start > MAX_VALUE_CHARS) {
            return;
        }
        String value = Text.percentDecode(query.substring(start, end), true);
        PiiMatch match = PII.match(value, name);
        if (match != null) {
            if (match.reportable()) {
                categories.add(match.category().wireName());
            }
        } else if (Jwt.looksLikeJwt(value)) {
            categories.add(JWT);
        }
    }

    private static String name(String query, int start, int end) {
        String decoded = Text.percentDecode(query.substring(start, end), true);
        return Text.clean(decoded, MAX_NAME_BYTES, true).strip();
    }
}
