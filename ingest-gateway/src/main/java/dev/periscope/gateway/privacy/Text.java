package dev.periscope.gateway.privacy;

import java.nio.charset.StandardCharsets;

/**
 * Bounded string hygiene for values that leave the gateway. Every function here runs in time linear in at most the
 * bytes it keeps (plus a bounded look-ahead), never throws on odd input, and returns its argument unchanged (no
 * allocation) when there is nothing to fix.
 */
public final class Text {
    /** U+FFFD, what an unpaired surrogate (Java's form of invalid UTF-8) becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /** A cleaned value and whether it was cut short. */
    public record Cleaned(String value, boolean truncated) {
    }

    /** {@link #clean(String, int, int, int, boolean)} over the whole string, value only. */
    public static String clean(String value, int maxBytes, boolean stripControls) {
        if (value == null) {
            return "";
        }
        if (isPlainAscii(value, 0, value.length(), maxBytes, stripControls)) {
            return value;
        }
        return clean(value, 0, value.length(), maxBytes, stripControls).value();
    }

    /**
     * {@code value[begin, end)} with unpaired surrogates replaced by U+FFFD, control characters (C0, DEL, C1) removed
     * when asked, and cut at a character boundary so that its UTF-8 encoding is at most {@code maxBytes}.
     */
    public static Cleaned clean(String value, int begin, int end, int maxBytes, boolean stripControls) {
        if (value == null || begin >= end) {
            return new Cleaned("", false);
        }
        if (isPlainAscii(value, begin, end, maxBytes, stripControls)) {
            return new Cleaned(begin == 0 && end == value.length() ? value : value.substring(begin, end), false);
        }
        StringBuilder out = null;
        int bytes = 0;
        int i = begin;
        while (i < end) {
            char c = value.charAt(i);
            int width;
            int length = 1;
            boolean replace = false;
            boolean drop = false;
            if (c < 0x80) {
                width = 1;
                drop = stripControls && (c < 0x20 || c == 0x7F);
            } else if (c < 0x800) {
                width = 2;
                drop = stripControls && c <= 0x9F;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(value.charAt(i + 1))) {
                width = 4;
                length = 2;
            } else if (Character.isSurrogate(c)) {
                width = 3;
                replace = true;
            } else {
                width = 3;
            }
            if (drop) {
                if (out == null) {
                    out = new StringBuilder(Math.min(end - begin, maxBytes)).append(value, begin, i);
                }
                i += length;
                continue;
            }
            if (bytes + width > maxBytes) {
                String kept = out == null ? value.substring(begin, i) : out.toString();
                return new Cleaned(kept, true);
            }
            bytes += width;
            if (replace) {
                if (out == null) {
                    out = new StringBuilder(Math.min(end - begin, maxBytes)).append(value, begin, i);
                }
                out.append(REPLACEMENT);
            } else if (out != null) {
                out.append(value, i, i + length);
            }
            i += length;
        }
        if (out != null) {
            return new Cleaned(out.toString(), false);
        }
        return new Cleaned(begin == 0 && end == value.length() ? value : value.substring(begin, end), false);
    }

    /**
     * The common case, answered by one tight scan: nothing to cut (ASCII is one byte per char) and nothing to replace
     * or strip (ASCII only; no control character when controls are stripped).
     */
    private static boolean isPlainAscii(String value, int begin, int end, int maxBytes, boolean stripControls) {
        if (end - begin > maxBytes) {
            return false;
        }
        if (stripControls) {
            for (int i = begin; i < end; i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c >= 0x7F) {
                    return false;
                }
            }
        } else {
            for (int i = begin; i < end; i++) {
                if (value.charAt(i) >= 0x80) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Lenient {@code %XX} decoding as UTF-8 (invalid sequences become U+FFFD); a bad escape stays as it is.
     *
     * @param plusIsSpace form-encoding ({@code +} is a space), used for query-parameter names; gRPC's
     *                    {@code grpc-message} keeps {@code +}
     */
    public static String percentDecode(String value, boolean plusIsSpace) {
        if (value.indexOf('%') < 0 && (!plusIsSpace || value.indexOf('+') < 0)) {
            return value;
        }
        byte[] bytes = new byte[value.length() * 3];
        int n = 0;
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int high = c == '%' && i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (low >= 0) {
                bytes[n++] = (byte) (high * 16 + low);
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                bytes[n++] = ' ';
                i++;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
                i++;
            } else {
                int codePoint = value.codePointAt(i);
                int count = Character.charCount(codePoint);
                byte[] encoded = value.substring(i, i + count).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(encoded, 0, bytes, n, encoded.length);
                n += encoded.length;
                i += count;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
