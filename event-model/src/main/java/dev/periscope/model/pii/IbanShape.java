package dev.periscope.model.pii;

/**
 * International bank account numbers (ISO 13616): two upper-case country letters, two check digits, 11–30
 * upper-case letters or digits (15–34 in all), optionally printed in groups of four separated by single spaces,
 * and the mod-97 checksum equal to 1. The checksum makes a random upper-case token pass only about once in 97.
 */
final class IbanShape {
    static final int MIN_LENGTH = 15;
    static final int MAX_LENGTH = 34;
    /** 34 characters printed in groups of four: 34 + 8 spaces. */
    static final int MAX_PRINTED_LENGTH = 42;

    private IbanShape() {
    }

    static PiiMatch match(String value) {
        if (value.length() < MIN_LENGTH || value.length() > MAX_PRINTED_LENGTH) {
            return null;
        }
        char[] compact = new char[MAX_LENGTH];
        int length = 0;
        boolean spaced = value.length() > 4 && value.charAt(4) == ' ';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (spaced && i % 5 == 4) {
                if (c != ' ') {
                    return null;
                }
                continue;
            }
            if (length == MAX_LENGTH || !(Ascii.isUpper(c) || Ascii.isDigit(c))) {
                return null;
            }
            compact[length++] = c;
        }
        if (length < MIN_LENGTH || !Ascii.isUpper(compact[0]) || !Ascii.isUpper(compact[1])
                || !Ascii.isDigit(compact[2]) || !Ascii.isDigit(compact[3])) {
            return null;
        }
        return mod97(compact, length) == 1 ? new PiiMatch(PiiCategory.IBAN, true) : null;
    }

    /** The account rearranged (first four characters moved to the end, letters as 10–35) modulo 97. */
    private static int mod97(char[] chars, int length) {
        int remainder = 0;
        for (int k = 0; k < length; k++) {
            char c = chars[(k + 4) % length];
            if (Ascii.isDigit(c)) {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return remainder;
    }
}
