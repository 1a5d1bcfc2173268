package dev.periscope.enricher.classify.path;

import dev.periscope.model.pii.Ascii;

/**
 * Identifier shapes recognised without context, each checked character by character (no regex, linear time):
 * numeric and composite-numeric ids, dates and timestamps, UUIDs (bare or embedded), ObjectIDs, ULIDs, long hex.
 */
final class IdShapes {
    static final int UUID_LENGTH = 36;
    static final int OBJECTID_LENGTH = 24;
    static final int ULID_LENGTH = 26;
    static final int MIN_LONG_HEX = 16;

    private IdShapes() {
    }

    /** {@code 42}, {@code 1-101672939043002}, {@code 2024-11-05}, {@code 12_34}: digit groups joined by - or _. */
    static boolean isNumericId(String s) {
        return isNumericId(s, false);
    }

    /** As {@link #isNumericId(String)}, optionally with spaces as separators (a decoded {@code 212%20555%200100}). */
    static boolean isNumericId(String s, boolean spaces) {
        if (s.isEmpty() || !Ascii.isDigit(s.charAt(0)) || !Ascii.isDigit(s.charAt(s.length() - 1))) {
            return false;
        }
        boolean previousSeparator = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Ascii.isDigit(c)) {
                previousSeparator = false;
            } else if ((c == '-' || c == '_' || (spaces && c == ' ')) && !previousSeparator) {
                previousSeparator = true;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * ISO-8601 timestamps {@code 2024-11-05T10:15:30Z}, {@code 2024-11-05T10:15:30.123+03:00},
     * {@code 2024-11-05T10:15}; plain dates are already numeric ids. Checked on the percent-decoded segment.
     */
    static boolean isTimestamp(String s) {
        if (s.length() < 16 || s.length() > 35 || s.charAt(10) != 'T' && s.charAt(10) != 't') {
            return false;
        }
        if (!digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-' || !digits(s, 8, 2)
                || !digits(s, 11, 2) || s.charAt(13) != ':' || !digits(s, 14, 2)) {
            return false;
        }
        for (int i = 16; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Ascii.isDigit(c) || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' || c == 'z')) {
                return false;
            }
        }
        return true;
    }

    static boolean isUuid(String s) {
        return s.length() == UUID_LENGTH && uuidAt(s, 0);
    }

    /** 8-4-4-4-12 hex digits at {@code offset}. */
    static boolean uuidAt(String s, int offset) {
        if (offset + UUID_LENGTH > s.length()) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = s.charAt(offset + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !Ascii.isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces every UUID inside a longer segment ({@code invoice-550e8400-…-446655440000.pdf} →
     * {@code invoice-{uuid}.pdf}); null when there is none. A UUID can start only where a hex run of eight ends
     * in a dash, so only dashes are tried (at most 36 characters each).
     */
    static String replaceEmbeddedUuids(String s) {
        if (s.length() <= UUID_LENGTH || s.indexOf('-') < 0) {
            return null;
        }
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        int dash;
        while ((dash = s.indexOf('-', from + 8)) >= 0) {
            int start = dash - 8;
            if (start + UUID_LENGTH > s.length()) {
                break;
            }
            if (uuidAt(s, start)) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, start).append(Placeholders.UUID);
                copied = start + UUID_LENGTH;
                from = copied;
            } else {
                from = start + 1;
            }
        }
        if (out == null) {
            return null;
        }
        return out.append(s, copied, s.length()).toString();
    }

    /** 24 hex characters with at least one digit (a MongoDB ObjectID starts with its timestamp). */
    static boolean isObjectId(String s) {
        return s.length() == OBJECTID_LENGTH && Ascii.allHex(s, 0, s.length()) && Ascii.hasDigit(s);
    }

    /** 26 Crockford base-32 characters (no I, L, O, U), first 0–7, with a digit and a letter, one letter case. */
    static boolean isUlid(String s) {
        if (s.length() != ULID_LENGTH || s.charAt(0) < '0' || s.charAt(0) > '7') {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Ascii.isDigit(c)) {
                continue;
            }
            char u = Character.toUpperCase(c);
            if (!Ascii.isLetter(c) || u == 'I' || u == 'L' || u == 'O' || u == 'U') {
                return false;
            }
            letter = true;
            upper |= Ascii.isUpper(c);
            lower |= Ascii.isLower(c);
        }
        return letter && !(upper && lower);
    }

    /** 16 or more hex characters with a digit: digests, hex object keys. */
    static boolean isLongHex(String s) {
        return s.length() >= MIN_LONG_HEX && Ascii.allHex(s, 0, s.length()) && Ascii.hasDigit(s);
    }

    private static boolean digits(String s, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (!Ascii.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
