package dev.periscope.model.pii;

/**
 * ASCII character classes for shape matching ({@link Character}'s versions accept every script's letters and
 * digits); shared by the PII scanner and the enricher's path templating.
 */
public final class Ascii {
    private Ascii() {
    }

    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    public static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    public static boolean isLetter(char c) {
        return isUpper(c) || isLower(c);
    }

    public static boolean isAlnum(char c) {
        return isLetter(c) || isDigit(c);
    }

    public static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static boolean isBase64Url(char c) {
        return isAlnum(c) || c == '-' || c == '_';
    }

    public static boolean allHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isHex(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean hasDigit(String s) {
        return countDigits(s) > 0;
    }

    public static int countDigits(String value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (isDigit(value.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }
}
