package dev.periscope.enricher.classify.path;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import dev.periscope.model.pii.Ascii;

/**
 * Percent-decoding of one segment, for the checks that must see through encoding ({@code john%40example.com},
 * {@code %2e%2e}). Linear; malformed escapes stay as they are; {@code +} is not a space in a path.
 */
final class PercentDecoding {
    /** Enough for {@code %25252e} (three layers); deeper nesting is itself treated as hostile by the caller. */
    static final int MAX_ROUNDS = 3;

    private PercentDecoding() {
    }

    static String decodeOnce(String segment) {
        int percent = segment.indexOf('%');
        if (percent < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        byte[] prefix = segment.substring(0, percent).getBytes(StandardCharsets.UTF_8);
        bytes.write(prefix, 0, prefix.length);
        for (int i = percent; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && Ascii.isHex(segment.charAt(i + 1))
                    && Ascii.isHex(segment.charAt(i + 2))) {
                bytes.write(Character.digit(segment.charAt(i + 1), 16) * 16
                        + Character.digit(segment.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = segment.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Decodes until nothing changes or {@value #MAX_ROUNDS} rounds ran. */
    static String decodeFully(String segment) {
        String current = segment;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = decodeOnce(current);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
