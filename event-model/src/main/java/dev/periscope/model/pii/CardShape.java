package dev.periscope.model.pii;

/**
 * Payment card numbers: 13–19 digits (optionally separated by one consistent space or dash), Luhn-valid, not one
 * repeated digit — and reported only under a card-like name or in the printed {@code 4-4-4-4} grouping. A
 * Luhn-valid bare digit run elsewhere is left to the numeric-id rule (one in ten random ids passes Luhn).
 */
final class CardShape {
    static final int MAX_LENGTH = 23;
    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int GROUPED_LENGTH = 19;

    private CardShape() {
    }

    static PiiMatch match(String value, ContextName name) {
        if (value.length() > MAX_LENGTH) {
            return null;
        }
        int digits = 0;
        char separator = 0;
        boolean previousSeparator = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Ascii.isDigit(c)) {
                digits++;
                previousSeparator = false;
            } else if ((c == ' ' || c == '-') && !previousSeparator && (separator == 0 || separator == c)) {
                separator = c;
                previousSeparator = true;
            } else {
                return null;
            }
        }
        if (previousSeparator || digits < MIN_DIGITS || digits > MAX_DIGITS || oneRepeatedDigit(value)
                || !luhn(value)) {
            return null;
        }
        boolean grouped = separator != 0 && value.length() == GROUPED_LENGTH && value.charAt(4) == separator
                && value.charAt(9) == separator && value.charAt(14) == separator;
        return grouped || name.isCardLike() ? new PiiMatch(PiiCategory.CREDIT_CARD, true) : null;
    }

    static boolean luhn(String value) {
        int sum = 0;
        boolean doubled = false;
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (!Ascii.isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static boolean oneRepeatedDigit(String value) {
        char first = value.charAt(0);
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Ascii.isDigit(c) && c != first) {
                return false;
            }
        }
        return true;
    }
}
