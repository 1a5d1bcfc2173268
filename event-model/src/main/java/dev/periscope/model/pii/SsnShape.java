package dev.periscope.model.pii;

/**
 * US social security numbers ({@code 123-45-6789} or nine digits) with a valid area (not 000, 666, 9xx), group
 * (not 00) and serial (not 0000). Reported only under an ssn/tin/tax_id-like name. The dashed shape under any
 * other name is still masked (it is not a plausible id); nine bare digits elsewhere are a numeric id.
 */
final class SsnShape {
    private SsnShape() {
    }

    static PiiMatch match(String value, ContextName name) {
        boolean dashed;
        if (value.length() == 11 && value.charAt(3) == '-' && value.charAt(6) == '-') {
            dashed = true;
        } else if (value.length() == 9) {
            dashed = false;
        } else {
            return null;
        }
        int area = number(value, 0, 3);
        int group = number(value, dashed ? 4 : 3, 2);
        int serial = number(value, dashed ? 7 : 5, 4);
        if (area <= 0 || area == 666 || area >= 900 || group <= 0 || serial <= 0) {
            return null;
        }
        if (name.isSsnLike()) {
            return new PiiMatch(PiiCategory.SSN, true);
        }
        return dashed ? new PiiMatch(PiiCategory.SSN, false) : null;
    }

    /** The decimal value of {@code length} digits at {@code from}; -1 when one is not a digit. */
    private static int number(String value, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            char c = value.charAt(i);
            if (!Ascii.isDigit(c)) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
