package dev.periscope.model.pii;

/**
 * Telephone numbers in the two shapes that are unambiguous on their own — international {@code +CC…}
 * ({@code +90 532 123 45 67}, {@code +1-212-555-0100}) and {@code (area)} ({@code (212) 555-0100}) — and bare digit
 * runs ({@code 05321234567}, {@code 212-555-0100}) only under a phone-like name: a bare run elsewhere is a
 * numeric id, not a number to report.
 */
final class PhoneShape {
    static final int MAX_LENGTH = 32;
    private static final int MIN_INTERNATIONAL_DIGITS = 8;
    private static final int MAX_DIGITS = 15;
    private static final int MIN_AREA_DIGITS = 9;
    private static final int MAX_AREA_DIGITS = 12;
    private static final int MIN_BARE_DIGITS = 7;

    private PhoneShape() {
    }

    /** {@code +} then a non-zero country-code digit, then digits with single separators, one optional (…) group. */
    static PiiMatch international(String value) {
        if (value.length() > MAX_LENGTH || value.length() < 2 || value.charAt(1) < '1' || value.charAt(1) > '9') {
            return null;
        }
        int digits = digitsWithSeparators(value, 1, true);
        return digits >= MIN_INTERNATIONAL_DIGITS && digits <= MAX_DIGITS ? new PiiMatch(PiiCategory.PHONE, true)
                : null;
    }

    /** {@code (} 1–4 digits {@code )} then digits with single separators: {@code (212) 555-0100}. */
    static PiiMatch areaCode(String value) {
        if (value.length() > MAX_LENGTH) {
            return null;
        }
        int close = value.indexOf(')');
        if (close < 2 || close > 5) {
            return null;
        }
        for (int i = 1; i < close; i++) {
            if (!Ascii.isDigit(value.charAt(i))) {
                return null;
            }
        }
        int rest = close + 1;
        if (rest < value.length() && value.charAt(rest) == ' ') {
            rest++;
        }
        if (rest >= value.length()) {
            return null;
        }
        int tail = digitsWithSeparators(value, rest, false);
        if (tail < 0) {
            return null;
        }
        int digits = close - 1 + tail;
        return digits >= MIN_AREA_DIGITS && digits <= MAX_AREA_DIGITS ? new PiiMatch(PiiCategory.PHONE, true) : null;
    }

    /** Digits with single {@code -}, {@code .} or space separators, 7–15 digits, reported only under a phone name. */
    static PiiMatch bare(String value, ContextName name) {
        if (value.length() > MAX_LENGTH || !name.isPhoneLike()) {
            return null;
        }
        int digits = digitsWithSeparators(value, 0, false);
        return digits >= MIN_BARE_DIGITS && digits <= MAX_DIGITS ? new PiiMatch(PiiCategory.PHONE, true) : null;
    }

    /**
     * Counts the digits of {@code value[from..]}; -1 when anything but digits and single separators appears, when it
     * starts or ends with a separator, or (with {@code oneGroup}) when parentheses are not one balanced pair.
     */
    private static int digitsWithSeparators(String value, int from, boolean oneGroup) {
        int digits = 0;
        boolean previousSeparator = true;
        int opened = 0;
        int closed = 0;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Ascii.isDigit(c)) {
                digits++;
                previousSeparator = false;
            } else if (oneGroup && c == '(' && opened == 0) {
                opened++;
            } else if (oneGroup && c == ')' && opened == 1 && closed == 0) {
                closed++;
            } else if ((c == ' ' || c == '-' || c == '.') && !previousSeparator) {
                previousSeparator = true;
            } else {
                return -1;
            }
        }
        if (previousSeparator || opened != closed) {
            return -1;
        }
        return digits;
    }
}
