package dev.periscope.gateway.mapping;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.periscope.gateway.als.slim.HeaderEntry;

/**
 * Case-insensitive lookups in one of Envoy's header maps, filled in ONE pass over its entries: each entry whose name
 * is one of the {@link #NAMES} the mapper reads lands in that name's slot, so the look-ups that follow are array
 * reads. Any other name ({@code header_allowlist}, extra auth headers) is answered from an index built on first use.
 * <p>
 * Which value a name gets, whatever the spelling on the wire: a lower-case name's value (the last one, as a map
 * would keep); else the first other spelling of it among the first {@value #MAX_EXAMINED} entries (Envoy logs names
 * lower-case, so other spellings are rare). Bounded work: one pass over the entries, plus a lower-casing only for
 * not-lower-case names among the first {@value #MAX_EXAMINED}.
 */
final class HeaderView implements Function<String, String> {
    /** Entries whose not-lower-case names are lower-cased and looked at. */
    static final int MAX_EXAMINED = 256;

    /** The header names the mapper reads (privacy, identity, security posture, gRPC), all lower-case. */
    static final List<String> NAMES = List.of("content-type", "user-agent", "x-request-id", "authorization",
            "x-forwarded-authorization", "x-original-authorization", "proxy-authorization", "x-api-key",
            "x-auth-token", "cookie", "strict-transport-security", "location", "grpc-status", "grpc-message",
            "content-security-policy", "x-content-type-options", "x-frame-options", "access-control-allow-origin",
            "access-control-allow-credentials", "server", "x-powered-by");

    private static final Map<String, Integer> SLOT_OF = new HashMap<>();
    /** Candidate names and their slots by name length, for the scan's exact match. */
    private static final String[][] NAMES_BY_LENGTH;
    private static final int[][] SLOTS_BY_LENGTH;
    private static final HeaderView EMPTY = new HeaderView(List.of());

    static {
        int longest = 0;
        for (int slot = 0; slot < NAMES.size(); slot++) {
            SLOT_OF.put(NAMES.get(slot), slot);
            longest = Math.max(longest, NAMES.get(slot).length());
        }
        NAMES_BY_LENGTH = new String[longest + 1][0];
        SLOTS_BY_LENGTH = new int[longest + 1][0];
        for (int slot = 0; slot < NAMES.size(); slot++) {
            int length = NAMES.get(slot).length();
            String[] names = Arrays.copyOf(NAMES_BY_LENGTH[length], NAMES_BY_LENGTH[length].length + 1);
            int[] slots = Arrays.copyOf(SLOTS_BY_LENGTH[length], SLOTS_BY_LENGTH[length].length + 1);
            names[names.length - 1] = NAMES.get(slot);
            slots[slots.length - 1] = slot;
            NAMES_BY_LENGTH[length] = names;
            SLOTS_BY_LENGTH[length] = slots;
        }
    }

    private final List<HeaderEntry> headers;
    private final String[] values = new String[NAMES.size()];
    /** Bit per slot: filled from a lower-case name (other spellings no longer apply). */
    private long exact;
    /** Per slot, the other spelling that filled it; null until a not-lower-case name fills a slot. */
    private String[] spellings;
    /** Names outside {@link #NAMES}, built on the first such look-up. */
    private Map<String, String> others;

    private HeaderView(List<HeaderEntry> headers) {
        this.headers = headers;
        for (int i = 0; i < headers.size(); i++) {
            HeaderEntry header = headers.get(i);
            String name = header.getKey();
            int slot = exactSlot(name);
            if (slot >= 0) {
                values[slot] = header.getValue();
                exact |= 1L << slot;
            } else if (i < MAX_EXAMINED && !isLowerCase(name)) {
                otherSpelling(name, header.getValue());
            }
        }
    }

    /** The view of one header map (Envoy's {@code map<string, string>}, entries in wire order). */
    static HeaderView of(List<HeaderEntry> headers) {
        return headers.isEmpty() ? EMPTY : new HeaderView(headers);
    }

    /** The value of the header (name in lower case), or "" when absent. */
    @Override
    public String apply(String lowerCaseName) {
        Integer slot = SLOT_OF.get(lowerCaseName);
        String value = slot != null ? values[slot] : other(lowerCaseName);
        return value == null ? "" : value;
    }

    private void otherSpelling(String name, String value) {
        int slot = exactSlot(name.toLowerCase(Locale.ROOT));
        if (slot < 0 || (exact & 1L << slot) != 0) {
            return;
        }
        if (spellings == null) {
            spellings = new String[NAMES.size()];
        }
        if (spellings[slot] == null || spellings[slot].equals(name)) { // the same spelling again: its last value
            spellings[slot] = name;
            values[slot] = value;
        }
    }

    private String other(String lowerCaseName) {
        if (others == null) {
            others = index(headers);
        }
        return others.get(lowerCaseName);
    }

    /** Every name as sent (last value wins), plus lower-cased other spellings of the first entries (first wins). */
    private static Map<String, String> index(List<HeaderEntry> headers) {
        Map<String, String> index = new HashMap<>();
        for (HeaderEntry header : headers) {
            index.put(header.getKey(), header.getValue());
        }
        for (int i = 0; i < headers.size() && i < MAX_EXAMINED; i++) {
            String name = headers.get(i).getKey();
            if (!isLowerCase(name)) { // a name that is not lower-case: its own key is not one a caller asks for
                index.putIfAbsent(name.toLowerCase(Locale.ROOT), index.get(name));
            }
        }
        return index;
    }

    private static int exactSlot(String name) {
        int length = name.length();
        if (length >= NAMES_BY_LENGTH.length) {
            return -1;
        }
        String[] candidates = NAMES_BY_LENGTH[length];
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i].equals(name)) {
                return SLOTS_BY_LENGTH[length][i];
            }
        }
        return -1;
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
