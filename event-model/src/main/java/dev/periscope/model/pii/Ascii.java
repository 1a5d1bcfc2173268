package dev.periscope.model.pii;

/** ASCII character classes; {@link Character}'s versions accept every script's letters and digits. */
final class Ascii {
    private Ascii() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isLetter(char c) {
        return isUpper(c) || isLower(c);
    }

    static boolean isAlnum(char c) {
        return isLetter(c) || isDigit(c);
    }

    static int countDigits(String value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (isDigit(value.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }
}
